package io.redeploy.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * A tree of files that a node keeps, written on the host and copied into containers, so that the
 * service and the floors work on the very same bytes: half of it in four large random files (no
 * gain from gzip), a fifth in two large log-like text files (gzip -1 takes them to about a quarter), the
 * rest in many small files of 0.5–16 KiB, half random, half text, 500 to a directory.
 */
record DataSet(Path directory, long bytes, int files) {

	private static final int SMALL_MIN = 512;

	private static final int SMALL_MAX = 16 * 1024;

	/** Writes about {@code totalBytes} into an empty {@code directory}; the same size always gives the same bytes. */
	static DataSet generate(Path directory, long totalBytes) {
		SplittableRandom random = new SplittableRandom(totalBytes);
		try {
			Files.createDirectories(directory.resolve("large"));
			long written = 0;
			int files = 0;
			for (int i = 0; i < 4; i++) {
				written += writeRandom(directory.resolve("large/random-" + i + ".bin"), totalBytes / 8, random);
				files++;
			}
			for (int i = 0; i < 2; i++) {
				written += writeText(directory.resolve("large/log-" + i + ".txt"), totalBytes / 10, random);
				files++;
			}
			for (int n = 0; written < totalBytes; n++) {
				Path dir = directory.resolve(String.format("small/d%04d", n / 500));
				if (n % 500 == 0) {
					Files.createDirectories(dir);
				}
				int size = (int) Math.min(totalBytes - written, random.nextInt(SMALL_MIN, SMALL_MAX + 1));
				boolean text = random.nextBoolean();
				Path file = dir.resolve(String.format("f%06d.%s", n, text ? "txt" : "bin"));
				written += text ? writeText(file, size, random) : writeRandom(file, size, random);
				files++;
			}
			return new DataSet(directory, written, files);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	double mebibytes() {
		return this.bytes / (1024.0 * 1024.0);
	}

	/** Copies the tree into a container's {@code path} (which must exist), through {@code docker cp}. */
	void copyInto(String container, String path) {
		Shell.bash("tar -C \"$1\" -cf - . | docker cp - \"$2:$3\"", this.directory.toString(), container, path);
	}

	/**
	 * The hash of {@code sha256sum} lines of every file, sorted by path, as {@link #containerDigestScript}
	 * prints it inside a container: equal digests mean the tree came through whole.
	 */
	String digest() {
		try (Stream<Path> walk = Files.walk(this.directory)) {
			List<String> names = walk.filter(Files::isRegularFile)
				.map((file) -> "./" + this.directory.relativize(file).toString())
				.sorted()
				.toList();
			StringBuilder lines = new StringBuilder();
			for (String name : names) {
				lines.append(sha256(this.directory.resolve(name.substring(2)))).append("  ").append(name).append('\n');
			}
			return HexFormat.of().formatHex(sha256().digest(lines.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The digest of the tree at {@code path} inside a container, with the image's static busybox. */
	static String containerDigest(String container, String path) {
		String script = "cd " + path + " && busybox find . -type f | busybox sort | busybox xargs busybox sha256sum"
				+ " | busybox sha256sum";
		return Shell.docker("exec", container, "sh", "-c", script).strip().split("\\s+")[0];
	}

	private static long writeRandom(Path file, long size, SplittableRandom random) throws IOException {
		byte[] chunk = new byte[64 * 1024];
		try (OutputStream out = Files.newOutputStream(file)) {
			for (long left = size; left > 0; left -= chunk.length) {
				random.nextBytes(chunk);
				out.write(chunk, 0, (int) Math.min(left, chunk.length));
			}
		}
		return size;
	}

	private static final String[] PATHS = { "/api/items", "/api/orders", "/login", "/static/app.js", "/health",
			"/api/users", "/cart/checkout" };

	private static final String[] LEVELS = { "INFO ", "INFO ", "INFO ", "DEBUG", "WARN " };

	/** Log lines: timestamps, levels, random ids, paths and numbers; gzip -1 takes them to about a quarter. */
	private static long writeText(Path file, long size, SplittableRandom random) throws IOException {
		StringBuilder text = new StringBuilder(70_000);
		long written = 0;
		long millis = 1_700_000_000_000L + random.nextLong(1_000_000_000L);
		try (OutputStream out = Files.newOutputStream(file)) {
			while (written < size) {
				text.setLength(0);
				while (text.length() < 64 * 1024) {
					millis += random.nextInt(50);
					text.append(java.time.Instant.ofEpochMilli(millis)).append(' ')
						.append(LEVELS[random.nextInt(LEVELS.length)]).append(" request id=")
						.append(Long.toHexString(random.nextLong())).append(" path=")
						.append(PATHS[random.nextInt(PATHS.length)]).append('/').append(random.nextInt(100_000))
						.append(" status=").append(random.nextInt(10) == 0 ? 404 : 200).append(" took=")
						.append(random.nextInt(900)).append("ms\n");
				}
				byte[] bytes = text.toString().getBytes(StandardCharsets.US_ASCII);
				int count = (int) Math.min(size - written, bytes.length);
				out.write(bytes, 0, count);
				written += count;
			}
		}
		return size;
	}

	private static String sha256(Path file) throws IOException {
		MessageDigest digest = sha256();
		try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
			in.transferTo(OutputStream.nullOutputStream());
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

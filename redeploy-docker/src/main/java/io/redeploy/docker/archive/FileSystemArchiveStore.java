package io.redeploy.docker.archive;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.redeploy.core.redeploy.ArchiveChecksumException;
import io.redeploy.core.redeploy.ArchiveContents;
import io.redeploy.core.redeploy.ArchiveException;
import io.redeploy.core.redeploy.ArchiveInfo;
import io.redeploy.core.redeploy.ArchiveKind;
import io.redeploy.core.redeploy.ArchiveStore;
import io.redeploy.core.redeploy.Manifest;
import io.redeploy.core.redeploy.RestoreMode;

/**
 * Keeps archives as {@code <root>/<operationId>/node<id>/<kind>-<path>-<hash>.tar.gz}: a container's tar
 * stream is gzipped straight to a file (written as {@code .part}, then moved) while its sha256 and size
 * are taken, so the heap never holds an archive.
 */
final class FileSystemArchiveStore implements ArchiveStore {

	private static final Logger logger = LoggerFactory.getLogger(FileSystemArchiveStore.class);

	private static final Pattern OPERATION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");

	private static final int BUFFER = 64 * 1024;

	private final Path root;

	private final int compressionLevel;

	FileSystemArchiveStore(Path root, int compressionLevel) {
		this.root = root;
		this.compressionLevel = compressionLevel;
	}

	@Override
	public ArchiveInfo save(String operationId, long nodeId, ArchiveKind kind, String containerPath, InputStream tar) {
		Path directory = nodeDirectory(operationId, nodeId);
		Path file = directory.resolve(fileName(kind, containerPath));
		Path part = directory.resolve(file.getFileName() + ".part");
		MessageDigest sha256 = sha256();
		try {
			Files.createDirectories(directory);
			try (OutputStream out = new LeveledGzipOutputStream(
					new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(part), BUFFER), sha256),
					this.compressionLevel)) {
				tar.transferTo(out);
			}
			Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			return new ArchiveInfo(kind, containerPath, file, Files.size(file), HexFormat.of().formatHex(sha256.digest()));
		}
		catch (IOException ex) {
			deleteQuietly(part);
			throw new ArchiveException("Could not write the archive of " + containerPath + " to " + file + ": " + ex.getMessage(), ex);
		}
		catch (RuntimeException ex) {
			deleteQuietly(part);
			throw ex;
		}
	}

	@Override
	public ArchiveContents verify(ArchiveInfo archive) {
		requireChecksum(archive, digestOf(archive.file()));
		RestoreRule rule = new RestoreRule(archive.containerPath(), RestoreMode.AS_IS);
		long entries = 0;
		boolean regularFile = false;
		try (TarArchiveInputStream tar = new TarArchiveInputStream(gunzip(archive.file()))) {
			for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
				boolean regular = EntryNames.isRegularFile(entry);
				if (rule.apply(entry).isPresent()) {
					entries++;
					regularFile = regular;
				}
			}
		}
		catch (IOException ex) {
			throw new ArchiveException("Could not read archive " + archive.file() + ": " + ex.getMessage(), ex);
		}
		return new ArchiveContents(entries, entries == 1 && regularFile);
	}

	@Override
	public InputStream openForRestore(ArchiveInfo archive, RestoreMode mode) {
		return VerifiedRestoreStream.open(archive, new RestoreRule(archive.containerPath(), mode));
	}

	@Override
	public Path writeManifest(Manifest manifest) {
		Path directory = nodeDirectory(manifest.operationId(), manifest.nodeId());
		Path file = directory.resolve("manifest.json");
		Path part = directory.resolve("manifest.json.part");
		try {
			Files.createDirectories(directory);
			Files.writeString(part, ManifestWriter.toJson(manifest), StandardCharsets.UTF_8);
			Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			return file;
		}
		catch (IOException ex) {
			deleteQuietly(part);
			throw new ArchiveException("Could not write manifest " + file + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public void delete(String operationId, long nodeId) {
		Path directory = nodeDirectory(operationId, nodeId);
		try {
			deleteTree(directory);
			Files.deleteIfExists(directory.getParent());
		}
		catch (DirectoryNotEmptyException ex) {
			// other nodes of the operation still have archives
		}
		catch (IOException | UncheckedIOException ex) {
			throw new ArchiveException("Could not delete " + directory + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public Set<String> operationIds() {
		if (!Files.isDirectory(this.root)) {
			return Set.of();
		}
		try (Stream<Path> children = Files.list(this.root)) {
			return children.filter(Files::isDirectory)
				.map((path) -> path.getFileName().toString())
				.filter((name) -> OPERATION_ID.matcher(name).matches())
				.collect(Collectors.toUnmodifiableSet());
		}
		catch (IOException | UncheckedIOException ex) {
			throw new ArchiveException("Could not list " + this.root + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public void deleteOperation(String operationId) {
		Path directory = operationDirectory(operationId);
		try {
			deleteTree(directory);
		}
		catch (IOException | UncheckedIOException ex) {
			throw new ArchiveException("Could not delete " + directory + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public Set<String> listPaths(InputStream tar) {
		Set<String> paths = new HashSet<>();
		try {
			TarArchiveInputStream entries = new TarArchiveInputStream(tar);
			for (TarArchiveEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
				List<String> segments = EntryNames.rootSegments(entry.getName());
				if (!segments.isEmpty()) {
					paths.add("/" + String.join("/", segments));
				}
			}
			return paths;
		}
		catch (IOException ex) {
			throw new ArchiveException("Could not read a file system's tar stream: " + ex.getMessage(), ex);
		}
	}

	@Override
	public InputStream filterRoot(InputStream tar, Predicate<String> exclude) {
		return new FilteringTarStream(tar, new RootRule(exclude));
	}

	private Path nodeDirectory(String operationId, long nodeId) {
		return operationDirectory(operationId).resolve("node" + nodeId);
	}

	private Path operationDirectory(String operationId) {
		if (!OPERATION_ID.matcher(operationId).matches()) {
			throw new ArchiveException("Operation id '" + operationId + "' cannot name a folder");
		}
		return this.root.resolve(operationId);
	}

	/** {@code <kind>-<path slug>-<hash of path>.tar.gz}: readable, and unique though slugs may collide. */
	static String fileName(ArchiveKind kind, String containerPath) {
		String slug = containerPath.replaceAll("^/+", "").replaceAll("[^A-Za-z0-9._-]", "_");
		slug = (slug.length() > 80) ? slug.substring(0, 80) : slug;
		String hash = HexFormat.of().formatHex(sha256().digest(containerPath.getBytes(StandardCharsets.UTF_8))).substring(0, 8);
		return kind.name().toLowerCase(Locale.ROOT).replace('_', '-') + "-" + slug + "-" + hash + ".tar.gz";
	}

	private static InputStream gunzip(Path file) throws IOException {
		InputStream in = Files.newInputStream(file);
		try {
			return new GZIPInputStream(new BufferedInputStream(in, BUFFER), BUFFER);
		}
		catch (IOException ex) {
			in.close();
			throw ex;
		}
	}

	private static MessageDigest digestOf(Path file) {
		MessageDigest sha256 = sha256();
		try (InputStream in = new DigestInputStream(openFile(file), sha256)) {
			in.transferTo(OutputStream.nullOutputStream());
		}
		catch (IOException ex) {
			throw new ArchiveException("Could not read archive " + file + ": " + ex.getMessage(), ex);
		}
		return sha256;
	}

	/** Opens an archive file; one that is gone is told apart from one that cannot be read. */
	static InputStream openFile(Path file) {
		try {
			return Files.newInputStream(file);
		}
		catch (NoSuchFileException ex) {
			throw new ArchiveException("Archive " + file + " has disappeared", ex);
		}
		catch (IOException ex) {
			throw new ArchiveException("Could not open archive " + file + ": " + ex.getMessage(), ex);
		}
	}

	/** Throws when the digest of what was read of the archive's file is not the one recorded when it was written. */
	static void requireChecksum(ArchiveInfo archive, MessageDigest digest) {
		String actual = HexFormat.of().formatHex(digest.digest());
		if (!actual.equalsIgnoreCase(archive.sha256())) {
			throw new ArchiveChecksumException(archive.file(), archive.sha256(), actual);
		}
	}

	static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

	private static void deleteTree(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			logger.warn("Could not delete {}: {}", file, ex.getMessage());
		}
	}

	/** A gzip stream at a chosen level; {@link GZIPOutputStream} only exposes its deflater to subclasses. */
	private static final class LeveledGzipOutputStream extends GZIPOutputStream {

		LeveledGzipOutputStream(OutputStream out, int level) throws IOException {
			super(out, BUFFER);
			this.def.setLevel(level);
		}

	}

}

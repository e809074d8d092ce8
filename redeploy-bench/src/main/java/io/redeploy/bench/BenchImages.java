package io.redeploy.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import com.github.dockerjava.api.command.BuildImageResultCallback;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import io.redeploy.docker.testing.TestDocker;
import io.redeploy.docker.testing.TestImages;

/**
 * The two versions of the benchmark's app, on the tests' busybox base: they keep {@code /opt/data}
 * through a redeploy (listed in their redeploy.conf) and run until SIGTERM. Tagged apart from the
 * tests' images, so that removing them at the end never pulls an image from under a test run.
 */
final class BenchImages {

	static final String REPOSITORY = "redeploy-bench/app";

	static final String LABEL = "io.redeploy.bench";

	static final String DATA = "/opt/data";

	private static final String RUN_UNTIL_TERM = "[\"sh\",\"-c\",\"trap 'exit 0' TERM; while true; do sleep 1 & wait $!; done\"]";

	private BenchImages() {
	}

	static String image(String tag) {
		return REPOSITORY + ":" + tag;
	}

	/** Builds {@code redeploy-bench/app:1} and {@code :2} (and the tests' base image when it is missing). */
	static void build() {
		TestImages.ensureBuilt();
		for (String version : new String[] { "1", "2" }) {
			TestDocker.client()
				.buildImageCmd(new ByteArrayInputStream(context(version)))
				.withTags(Set.of(image(version)))
				.withLabels(Map.of(LABEL, "true"))
				.withPull(false)
				.exec(new BuildImageResultCallback())
				.awaitImageId();
		}
	}

	/** Removes both tags; the tests' base image stays, as the tests leave it. */
	static void remove() {
		Shell.dockerQuietly("rmi", image("1"), image("2"));
	}

	private static byte[] context(String version) {
		String dockerfile = "FROM " + TestImages.BASE + "\n"
				+ "ENV APP_VERSION=" + version + "\n"
				+ "COPY opt /opt\n"
				+ "COPY etc /etc\n"
				+ "CMD " + RUN_UNTIL_TERM + "\n";
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
			file(tar, "Dockerfile", dockerfile);
			file(tar, "opt/app/VERSION", version + "\n");
			directory(tar, "opt/data/");
			file(tar, "etc/jelastic/redeploy.conf", "# the benchmark's data, kept through every redeploy\n" + DATA + "\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	private static void file(TarArchiveOutputStream tar, String name, String content) throws IOException {
		byte[] data = content.getBytes(StandardCharsets.UTF_8);
		TarArchiveEntry entry = new TarArchiveEntry(name);
		entry.setMode(0100644);
		entry.setSize(data.length);
		tar.putArchiveEntry(entry);
		tar.write(data);
		tar.closeArchiveEntry();
	}

	private static void directory(TarArchiveOutputStream tar, String name) throws IOException {
		TarArchiveEntry entry = new TarArchiveEntry(name);
		entry.setMode(040755);
		tar.putArchiveEntry(entry);
		tar.closeArchiveEntry();
	}

}

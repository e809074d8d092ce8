package io.redeploy.docker.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ContainerConfig;
import io.redeploy.core.runtime.ImageRef;

/**
 * Images for tests, made locally from Debian's static busybox since no registry is reachable: a
 * base image built {@code FROM scratch} out of a root file system tar, and a small "app" built on
 * it in a few versions. Built once per JVM, and only when an image is missing or was built from
 * other inputs than the current ones.
 * <p>
 * The base is not made with docker-java's {@code createImageCmd} (docker import): in 3.7.1 it sends
 * the tar stream as a JSON body of two bytes and the engine answers "unexpected EOF"
 * (docker-java/docker-java#2377). A build that ADDs the tar makes the same single-layer image.
 */
public final class TestImages {

	/** busybox with a few dozen applets, /etc/passwd and /etc/group; no command. */
	public static final ImageRef BASE = new ImageRef("redeploy-test/busybox", "base");

	/** Version 1 of the app: APP_VERSION=1, /opt/app/VERSION, /etc/app/app.ini; runs until SIGTERM. */
	public static final ImageRef APP_1 = new ImageRef("redeploy-test/app", "1");

	/** Version 2 of the app: other version files, {@code only-in-2.txt} instead of {@code only-in-1.txt}. */
	public static final ImageRef APP_2 = new ImageRef("redeploy-test/app", "2");

	/** Version 1's files, but the command exits at once with status 3. */
	public static final ImageRef APP_BROKEN = new ImageRef("redeploy-test/app", "broken");

	/** Version 1 with a health check that passes. */
	public static final ImageRef APP_HEALTHY = new ImageRef("redeploy-test/app", "healthy");

	/** Version 1 with a health check that fails. */
	public static final ImageRef APP_UNHEALTHY = new ImageRef("redeploy-test/app", "unhealthy");

	/**
	 * Version 2 in which two paths changed kind: {@code /opt/keep} is a regular file (a directory in the
	 * tests' old containers) and {@code /opt/conf.d} a directory holding {@code app.conf} (a file there).
	 */
	public static final ImageRef APP_2_KINDS_CHANGED = new ImageRef("redeploy-test/app", "2-kinds-changed");

	/** Carries a hash of everything an image was made from; a changed fixture no longer matches. */
	public static final String FIXTURE_HASH_LABEL = "io.redeploy.test.fixture-hash";

	private static final Path BUSYBOX = Path.of("/usr/bin/busybox");

	private static final List<String> APPLETS = List.of("sh", "ls", "cat", "echo", "sleep", "mkdir", "rm", "cp", "mv",
			"env", "sed", "grep", "id", "wc", "sha256sum", "tar", "ping", "nslookup", "hostname", "chmod", "chown", "ln",
			"touch", "stat", "find", "head", "tail", "test", "true", "false", "kill", "ps", "printf", "date", "du", "df",
			"readlink");

	private static final String RUN_UNTIL_TERM = "[\"sh\",\"-c\",\"trap 'exit 0' TERM; while true; do sleep 1 & wait $!; done\"]";

	private static boolean built;

	private TestImages() {
	}

	/** Makes sure every image exists and is current. */
	public static synchronized void ensureBuilt() {
		if (built) {
			return;
		}
		Map<ImageRef, byte[]> contexts = buildContexts();
		String hash = hash(contexts);
		DockerClient docker = TestDocker.client();
		if (!contexts.keySet().stream().allMatch((image) -> isCurrent(docker, image, hash))) {
			contexts.forEach((image, context) -> build(docker, image, context, hash));
		}
		built = true;
	}

	private static byte[] rootfs() {
		TarBuilder tar = new TarBuilder().directory("bin", 0755)
			.file("bin/busybox", 0755, read(BUSYBOX))
			.directory("etc", 0755)
			.file("etc/passwd", "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n")
			.file("etc/group", "root:x:0:\nnogroup:x:65534:\n")
			.directory("root", 0700)
			.directory("tmp", 01777)
			.directory("usr", 0755)
			.directory("usr/bin", 0755)
			.directory("var", 0755)
			.directory("var/lib", 0755);
		APPLETS.forEach((applet) -> tar.symlink("bin/" + applet, "busybox"));
		return tar.build();
	}

	// In build order: the base first, since the others start FROM it.
	private static Map<ImageRef, byte[]> buildContexts() {
		Map<ImageRef, byte[]> contexts = new LinkedHashMap<>();
		contexts.put(BASE, new TarBuilder().file("Dockerfile", "FROM scratch\nADD rootfs.tar /\n")
			.file("rootfs.tar", 0644, rootfs())
			.build());
		contexts.put(APP_1, appContext("1", "", RUN_UNTIL_TERM));
		contexts.put(APP_2, appContext("2", "", RUN_UNTIL_TERM));
		contexts.put(APP_BROKEN, appContext("1", "", "[\"sh\",\"-c\",\"exit 3\"]"));
		contexts.put(APP_HEALTHY,
				appContext("1", "HEALTHCHECK --interval=1s --timeout=1s --retries=2 CMD true\n", RUN_UNTIL_TERM));
		contexts.put(APP_UNHEALTHY,
				appContext("1", "HEALTHCHECK --interval=1s --timeout=1s --retries=2 CMD false\n", RUN_UNTIL_TERM));
		contexts.put(APP_2_KINDS_CHANGED, appContext("2", "", RUN_UNTIL_TERM,
				Map.of("opt/keep", "a file where version 1 has a directory\n", "opt/conf.d/app.conf", "from the image\n")));
		return contexts;
	}

	private static byte[] appContext(String version, String healthcheck, String cmd) {
		return appContext(version, healthcheck, cmd, Map.of());
	}

	private static byte[] appContext(String version, String healthcheck, String cmd, Map<String, String> moreFiles) {
		TarBuilder context = new TarBuilder().file("Dockerfile", appDockerfile(version, healthcheck, cmd))
			.file("opt/app/VERSION", version + "\n")
			.file("opt/app/only-in-" + version + ".txt", "only in version " + version + "\n")
			.file("etc/app/app.ini", "version=" + version + "\n");
		new TreeMap<>(moreFiles).forEach(context::file);
		return context.build();
	}

	private static String appDockerfile(String version, String healthcheck, String cmd) {
		return "FROM " + BASE + "\n"
				+ "ENV APP_VERSION=" + version + " IMAGE_ONLY=from-image-" + version + "\n"
				+ "COPY opt /opt\n"
				+ "COPY etc /etc\n"
				+ "LABEL " + TestDocker.TEST_LABEL + "=true\n"
				+ healthcheck
				+ "CMD " + cmd + "\n";
	}

	private static boolean isCurrent(DockerClient docker, ImageRef image, String hash) {
		try {
			ContainerConfig config = docker.inspectImageCmd(image.toString()).exec().getConfig();
			return config != null && config.getLabels() != null && hash.equals(config.getLabels().get(FIXTURE_HASH_LABEL));
		}
		catch (NotFoundException ex) {
			return false;
		}
	}

	private static void build(DockerClient docker, ImageRef image, byte[] context, String hash) {
		docker.buildImageCmd(new ByteArrayInputStream(context))
			.withTags(Set.of(image.toString()))
			.withLabels(Map.of(FIXTURE_HASH_LABEL, hash))
			.withPull(false)
			.exec(new BuildImageResultCallback())
			.awaitImageId();
	}

	private static String hash(Map<ImageRef, byte[]> contexts) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			contexts.forEach((image, context) -> {
				digest.update(image.toString().getBytes(StandardCharsets.UTF_8));
				digest.update(context);
			});
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] read(Path file) {
		try {
			return Files.readAllBytes(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Tests need " + file + " (apt-get install busybox-static)", ex);
		}
	}

}

package io.redeploy.core.redeploy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * An archive store that keeps nothing but a log of its calls: {@code save <kind> <path>},
 * {@code verify <path>}, {@code restore <path> <mode>}, {@code manifest}, {@code delete <op> <node>},
 * {@code deleteOperation <op>},
 * {@code listPaths}, {@code filterRoot}. Restored streams read {@code restore:<path>:<mode>}.
 */
class RecordingArchiveStore implements ArchiveStore {

	final List<String> calls = Collections.synchronizedList(new ArrayList<>());

	final List<Manifest> manifests = new CopyOnWriteArrayList<>();

	/** Paths whose archives are directories (not one regular file). */
	final Set<String> directories = Collections.synchronizedSet(new HashSet<>());

	/** Paths whose archive fails verification, and whose restore stream fails its checksum at its end. */
	final Set<String> damaged = Collections.synchronizedSet(new HashSet<>());

	/** What {@link #listPaths} answers. */
	volatile Set<String> newImagePaths = Set.of("/etc", "/etc/nginx.conf", "/usr/bin/app");

	volatile Predicate<String> lastExclude;

	/** The operations that saved an archive and were not deleted since. */
	final Set<String> operations = Collections.synchronizedSet(new HashSet<>());

	@Override
	public ArchiveInfo save(String operationId, long nodeId, ArchiveKind kind, String containerPath, InputStream tar) {
		byte[] bytes = read(tar);
		this.calls.add("save " + kind + " " + containerPath);
		this.operations.add(operationId);
		return new ArchiveInfo(kind, containerPath, Path.of("/archives", operationId, "node" + nodeId, kind + containerPath.replace('/', '_')),
				bytes.length, "sha-" + new String(bytes, StandardCharsets.UTF_8));
	}

	@Override
	public ArchiveContents verify(ArchiveInfo archive) {
		this.calls.add("verify " + archive.containerPath());
		if (this.damaged.contains(archive.containerPath())) {
			throw new ArchiveChecksumException(archive.file(), archive.sha256(), "other");
		}
		return new ArchiveContents(this.directories.contains(archive.containerPath()) ? 3 : 1,
				!this.directories.contains(archive.containerPath()));
	}

	@Override
	public InputStream openForRestore(ArchiveInfo archive, RestoreMode mode) {
		this.calls.add("restore " + archive.containerPath() + " " + mode);
		byte[] content = ("restore:" + archive.containerPath() + ":" + mode).getBytes(StandardCharsets.UTF_8);
		if (this.damaged.contains(archive.containerPath())) {
			return new SequenceInputStream(new ByteArrayInputStream(content), new InputStream() {

				@Override
				public int read() {
					throw new ArchiveChecksumException(archive.file(), archive.sha256(), "other");
				}

			});
		}
		return new ByteArrayInputStream(content);
	}

	@Override
	public Path writeManifest(Manifest manifest) {
		this.calls.add("manifest");
		this.manifests.add(manifest);
		return Path.of("/archives", manifest.operationId(), "node" + manifest.nodeId(), "manifest.json");
	}

	@Override
	public void delete(String operationId, long nodeId) {
		this.calls.add("delete " + operationId + " " + nodeId);
	}

	@Override
	public Set<String> operationIds() {
		synchronized (this.operations) {
			return Set.copyOf(this.operations);
		}
	}

	@Override
	public void deleteOperation(String operationId) {
		this.calls.add("deleteOperation " + operationId);
		this.operations.remove(operationId);
	}

	@Override
	public Set<String> listPaths(InputStream tar) {
		read(tar);
		this.calls.add("listPaths");
		return this.newImagePaths;
	}

	@Override
	public InputStream filterRoot(InputStream tar, Predicate<String> exclude) {
		this.calls.add("filterRoot");
		this.lastExclude = exclude;
		return new ByteArrayInputStream(("merged:" + new String(read(tar), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
	}

	List<String> calls() {
		synchronized (this.calls) {
			return List.copyOf(this.calls);
		}
	}

	private static byte[] read(InputStream in) {
		try {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

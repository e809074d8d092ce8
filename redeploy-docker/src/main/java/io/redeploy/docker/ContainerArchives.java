package io.redeploy.docker;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.transport.DockerHttpClient;
import io.redeploy.core.runtime.ContainerPathNotFoundException;
import io.redeploy.core.runtime.ContainerRuntimeException;
import io.redeploy.docker.SingleFileTar.FileAttributes;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Copies into and out of containers as tar streams, the way {@code docker cp} does, and reads and
 * writes single files on top of them. Archives are streamed; only single files are held in memory.
 */
final class ContainerArchives {

	// As many as Linux follows before it gives up with ELOOP.
	private static final int MAX_SYMLINKS = 40;

	private final DockerClient docker;

	private final ArchiveDownloads downloads;

	ContainerArchives(DockerClient docker, DockerHttpClient http) {
		this.docker = docker;
		this.downloads = new ArchiveDownloads(http);
	}

	InputStream open(String containerId, String path) {
		return this.downloads.open(containerId, path);
	}

	/**
	 * Extracts a tar stream. Without {@code noOverwriteDirNonDir} the engine removes a directory, with
	 * everything in it, to put a file of the same name (and a file to put a directory): a kept path
	 * whose kind changed in a new image must fail the restore, not empty a directory of that image.
	 */
	void put(String containerId, String directory, InputStream tar) {
		DockerErrors.run(Target.path(containerId, directory), "copy into",
				() -> this.docker.copyArchiveToContainerCmd(containerId)
					.withRemotePath(directory)
					.withNoOverwriteDirNonDir(true)
					.withTarInputStream(tar)
					.exec());
	}

	/** Reads a regular file; a symbolic link is followed, as {@code cat} would. */
	byte[] readFile(String containerId, String path, long maxBytes) {
		String file = ContainerPaths.file(path);
		for (int links = 0; links <= MAX_SYMLINKS; links++) {
			String what = file + " in container " + containerId;
			try (TarArchiveInputStream tar = new TarArchiveInputStream(open(containerId, file))) {
				TarArchiveEntry entry = SingleFileTar.firstEntry(tar, what);
				if (!entry.isSymbolicLink()) {
					return SingleFileTar.content(tar, entry, what, maxBytes);
				}
				file = ContainerPaths.resolveLink(file, entry.getLinkName());
			}
			catch (IOException ex) {
				throw new ContainerRuntimeException("Could not read " + what, ex);
			}
		}
		throw tooManyLinks(containerId, path);
	}

	/**
	 * Writes a regular file, creating missing parent directories. An existing file keeps its
	 * permissions and owner; a symbolic link is followed so that it keeps pointing at the content.
	 */
	void writeFile(String containerId, String path, byte[] content) {
		String file = ContainerPaths.file(path);
		FileAttributes attributes = null;
		for (int links = 0; links <= MAX_SYMLINKS && attributes == null; links++) {
			TarArchiveEntry existing = existingEntry(containerId, file);
			if (existing == null) {
				attributes = FileAttributes.NEW_FILE;
			}
			else if (existing.isSymbolicLink()) {
				file = ContainerPaths.resolveLink(file, existing.getLinkName());
			}
			else if (SingleFileTar.isRegularFile(existing)) {
				attributes = FileAttributes.of(existing);
			}
			else {
				throw new ContainerRuntimeException("Cannot write " + file + " in container " + containerId
						+ ": it is a " + SingleFileTar.kind(existing));
			}
		}
		if (attributes == null) {
			throw tooManyLinks(containerId, path);
		}
		// Named from the root, so that the engine creates missing parent directories as it extracts.
		byte[] tar = SingleFileTar.of(ContainerPaths.relativeToRoot(file), content, attributes);
		put(containerId, "/", new ByteArrayInputStream(tar));
	}

	/** The header of what is at {@code path}, or null when nothing is. */
	private TarArchiveEntry existingEntry(String containerId, String path) {
		String what = path + " in container " + containerId;
		try (TarArchiveInputStream tar = new TarArchiveInputStream(open(containerId, path))) {
			return SingleFileTar.firstEntry(tar, what);
		}
		catch (ContainerPathNotFoundException ex) {
			return null;
		}
		catch (IOException ex) {
			throw new ContainerRuntimeException("Could not inspect " + what, ex);
		}
	}

	private static ContainerRuntimeException tooManyLinks(String containerId, String path) {
		return new ContainerRuntimeException(
				"Too many levels of symbolic links at " + path + " in container " + containerId);
	}

}

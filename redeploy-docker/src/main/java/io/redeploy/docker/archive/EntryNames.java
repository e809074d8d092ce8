package io.redeploy.docker.archive;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

import io.redeploy.core.redeploy.UnsafeArchiveEntryException;

/** Splits tar entry names into checked segments: relative, no {@code .} or {@code ..}, no NUL. */
final class EntryNames {

	private EntryNames() {
	}

	/**
	 * The segments of an entry name, a leading {@code ./} dropped; empty for the archive's root entry.
	 * @throws UnsafeArchiveEntryException for an absolute name, a {@code .} or {@code ..} segment, or a NUL
	 */
	static List<String> segments(String declaredPath, String name) {
		if (name.startsWith("/")) {
			throw new UnsafeArchiveEntryException(declaredPath, name, "absolute name");
		}
		if (name.indexOf('\0') >= 0) {
			throw new UnsafeArchiveEntryException(declaredPath, name, "NUL in name");
		}
		String rest = name;
		while (rest.startsWith("./")) {
			rest = rest.substring(2);
		}
		List<String> segments = new ArrayList<>();
		for (String segment : rest.split("/")) {
			if (segment.isEmpty() || (segment.equals(".") && rest.equals("."))) {
				continue;
			}
			if (segment.equals("..") || segment.equals(".")) {
				throw new UnsafeArchiveEntryException(declaredPath, name, "'" + segment + "' segment");
			}
			segments.add(segment);
		}
		return segments;
	}

	/**
	 * The segments of an entry of an archive of a whole file system. The engine names those entries
	 * absolutely ({@code /}, {@code /bin/sh}): there, a leading {@code /} means the root, not the host's.
	 */
	static List<String> rootSegments(String name) {
		String relative = name;
		while (relative.startsWith("/")) {
			relative = relative.substring(1);
		}
		return segments("/", relative);
	}

	/** Whether an entry is a plain file with data (not a directory, link, device or FIFO). */
	static boolean isRegularFile(TarArchiveEntry entry) {
		return !entry.isDirectory() && !entry.isSymbolicLink() && !entry.isLink() && !entry.isCharacterDevice()
				&& !entry.isBlockDevice() && !entry.isFIFO();
	}

	static boolean isDevice(TarArchiveEntry entry) {
		return entry.isCharacterDevice() || entry.isBlockDevice();
	}

}

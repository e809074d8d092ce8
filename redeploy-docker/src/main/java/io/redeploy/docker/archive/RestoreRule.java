package io.redeploy.docker.archive;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

import io.redeploy.core.redeploy.RestoreMode;
import io.redeploy.core.redeploy.UnsafeArchiveEntryException;

/**
 * The safety filter of a restore. An archive of {@code /a/b} names its entries {@code b}, {@code b/...}
 * (relative to the path's parent); each must stay in that tree, is re-rooted at {@code /} as
 * {@code a/b/...}, and must not be written through a symlink that the archive itself made, nor be a
 * hard link out of the tree or a device node. Symlink targets are kept as they are: the engine
 * resolves them inside the container. In {@link RestoreMode#AS_BACKUP} the archive must hold the one
 * file {@code b}, which becomes {@code a/b.backup}.
 */
final class RestoreRule implements EntryRule {

	private final String declaredPath;

	private final String base;

	private final String parent;

	private final RestoreMode mode;

	private final Set<String> symlinks = new HashSet<>();

	private int entries;

	RestoreRule(String declaredPath, RestoreMode mode) {
		List<String> segments = EntryNames.segments(declaredPath, declaredPath.substring(declaredPath.startsWith("/") ? 1 : 0));
		if (!declaredPath.startsWith("/") || segments.isEmpty()) {
			throw new UnsafeArchiveEntryException(declaredPath, declaredPath, "an archive's path must be absolute and not /");
		}
		this.declaredPath = declaredPath;
		this.base = segments.get(segments.size() - 1);
		this.parent = String.join("/", segments.subList(0, segments.size() - 1));
		this.mode = mode;
	}

	@Override
	public Optional<TarArchiveEntry> apply(TarArchiveEntry entry) {
		String name = entry.getName();
		String relative = inTree(name, name, "outside " + this.declaredPath);
		if (relative.isEmpty()) {
			return Optional.empty();
		}
		if (EntryNames.isDevice(entry)) {
			throw new UnsafeArchiveEntryException(this.declaredPath, name, "device node");
		}
		refuseWriteThroughSymlink(name, relative);
		if (entry.isLink()) {
			String target = inTree(name, entry.getLinkName(), "hard link to '" + entry.getLinkName() + "' out of the tree");
			refuseWriteThroughSymlink(name, target);
			entry.setLinkName(rooted(target));
		}
		if (entry.isSymbolicLink()) {
			this.symlinks.add(relative);
		}
		this.entries++;
		if (this.mode == RestoreMode.AS_BACKUP) {
			return Optional.of(asBackup(entry, name, relative));
		}
		entry.setName(rooted(relative) + (entry.isDirectory() ? "/" : ""));
		return Optional.of(entry);
	}

	private TarArchiveEntry asBackup(TarArchiveEntry entry, String name, String relative) {
		if (this.entries > 1 || !relative.equals(this.base) || !EntryNames.isRegularFile(entry)) {
			throw new UnsafeArchiveEntryException(this.declaredPath, name, "a backup archive must hold the one regular file " + this.base);
		}
		entry.setName(rooted(relative) + ".backup");
		return entry;
	}

	/** The name relative to the parent of the declared path, checked to lie in its tree ("" for a root entry). */
	private String inTree(String entryName, String name, String outside) {
		List<String> segments = EntryNames.segments(this.declaredPath, name);
		if (segments.isEmpty()) {
			return "";
		}
		if (!segments.get(0).equals(this.base)) {
			throw new UnsafeArchiveEntryException(this.declaredPath, entryName, outside);
		}
		return String.join("/", segments);
	}

	private void refuseWriteThroughSymlink(String name, String relative) {
		int slash = relative.indexOf('/');
		while (slash > 0) {
			if (this.symlinks.contains(relative.substring(0, slash))) {
				throw new UnsafeArchiveEntryException(this.declaredPath, name,
						"written through the symlink " + relative.substring(0, slash));
			}
			slash = relative.indexOf('/', slash + 1);
		}
	}

	private String rooted(String relative) {
		return this.parent.isEmpty() ? relative : this.parent + "/" + relative;
	}

}

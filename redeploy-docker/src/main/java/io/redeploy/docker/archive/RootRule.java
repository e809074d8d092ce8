package io.redeploy.docker.archive;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

import io.redeploy.core.redeploy.UnsafeArchiveEntryException;

/**
 * The filter of a whole file system ({@code /}) on its way from one container into another: entries the
 * predicate excludes and device nodes are left out; absolute names, {@code ..} and writes through a
 * symlink of the stream are refused.
 */
final class RootRule implements EntryRule {

	private static final Logger logger = LoggerFactory.getLogger(RootRule.class);

	private final Predicate<String> exclude;

	private final Set<String> symlinks = new HashSet<>();

	RootRule(Predicate<String> exclude) {
		this.exclude = exclude;
	}

	@Override
	public Optional<TarArchiveEntry> apply(TarArchiveEntry entry) {
		String name = entry.getName();
		List<String> segments = EntryNames.rootSegments(name);
		if (segments.isEmpty()) {
			return Optional.empty();
		}
		String relative = String.join("/", segments);
		if (this.exclude.test("/" + relative)) {
			return Optional.empty();
		}
		if (EntryNames.isDevice(entry)) {
			logger.debug("Leaving device node /{} out of the merge", relative);
			return Optional.empty();
		}
		for (int slash = relative.indexOf('/'); slash > 0; slash = relative.indexOf('/', slash + 1)) {
			if (this.symlinks.contains(relative.substring(0, slash))) {
				throw new UnsafeArchiveEntryException("/", name, "written through the symlink /" + relative.substring(0, slash));
			}
		}
		if (entry.isLink()) {
			entry.setLinkName(String.join("/", EntryNames.rootSegments(entry.getLinkName())));
		}
		if (entry.isSymbolicLink()) {
			this.symlinks.add(relative);
		}
		entry.setName(relative + (entry.isDirectory() ? "/" : ""));
		return Optional.of(entry);
	}

}

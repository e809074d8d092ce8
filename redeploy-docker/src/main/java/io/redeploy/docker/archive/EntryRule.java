package io.redeploy.docker.archive;

import java.util.Optional;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * Decides, entry by entry, what of a tar stream goes on: the entry as it should be written (renamed if
 * need be), empty to leave it out, or an {@code UnsafeArchiveEntryException} to refuse the archive.
 */
@FunctionalInterface
interface EntryRule {

	Optional<TarArchiveEntry> apply(TarArchiveEntry entry);

}

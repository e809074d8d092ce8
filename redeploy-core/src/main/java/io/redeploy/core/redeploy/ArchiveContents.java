package io.redeploy.core.redeploy;

/** What a verified archive holds: its number of entries and whether it is one regular file. */
public record ArchiveContents(long entries, boolean singleRegularFile) {
}

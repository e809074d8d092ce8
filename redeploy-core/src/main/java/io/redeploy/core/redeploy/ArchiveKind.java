package io.redeploy.core.redeploy;

/** What an archive of a redeploy holds. */
public enum ArchiveKind {

	/** The whole {@code /var/lib/jelastic}. */
	PLATFORM,
	/** A volume's content, the copy a rollback can bring back. */
	VOLUME,
	/** A path listed in redeploy.conf, put back as it was. */
	KEPT_PATH,
	/** A file marked {@code backup}, put back beside the new one as {@code <file>.backup}. */
	BACKUP_FILE

}

package io.redeploy.core.redeploy;

/**
 * The steps of one node's redeploy, in the order they run. A restore from a snapshot runs PLAN, STOP,
 * RESTORE (the snapshot's container swapped in), VERIFY, COMMIT.
 */
public enum RedeployStep {

	/** Read and parse redeploy.conf, work out what to keep. */
	PLAN,
	/** Pack the platform directory, volumes, redeploy.conf paths and backup files into archives. */
	ARCHIVE,
	/** Check every archive's checksum and entries, write the manifest. */
	VERIFY_ARCHIVES,
	/** Create the new container from the new image with the node's configuration, beside the old one. */
	CREATE,
	/** Merge the old file system into the new container (skipReinstall only). */
	MERGE,
	/** Put the kept paths and the .backup copies into the new container. */
	RESTORE,
	/** Stop the old container, set it aside and put the new one in its place. */
	STOP,
	/** Start the new container and wait until it runs (and is healthy). */
	VERIFY,
	/** Record the node's new container and keep the old one as a snapshot. */
	COMMIT

}

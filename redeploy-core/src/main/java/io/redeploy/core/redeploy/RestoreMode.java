package io.redeploy.core.redeploy;

/** How an archive goes back into a container. */
public enum RestoreMode {

	/** At the path it was taken from. */
	AS_IS,
	/** The single file it holds, beside its original as {@code <file>.backup}. */
	AS_BACKUP

}

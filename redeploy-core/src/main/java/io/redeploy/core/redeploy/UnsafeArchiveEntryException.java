package io.redeploy.core.redeploy;

/** An archive entry that would land outside the path the archive was declared for; nothing of it is extracted. */
public class UnsafeArchiveEntryException extends ArchiveException {

	private final String containerPath;

	private final String entry;

	public UnsafeArchiveEntryException(String containerPath, String entry, String reason) {
		super("Archive of " + containerPath + " holds an unsafe entry '" + printable(entry) + "': " + reason);
		this.containerPath = containerPath;
		this.entry = entry;
	}

	public String containerPath() {
		return this.containerPath;
	}

	public String entry() {
		return this.entry;
	}

	private static String printable(String value) {
		String cut = (value.length() > 200) ? value.substring(0, 200) + "…" : value;
		return cut.replaceAll("\\p{Cntrl}", "?");
	}

}

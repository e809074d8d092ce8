package io.redeploy.core.redeploy;

import java.util.HashSet;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the archives nobody can use any more: those of operations that have finished and that no
 * snapshot refers to — left by a deleted environment, or by an operation cut short before it could
 * clean up after itself. Archives of running operations and of kept snapshots are never touched.
 */
public class ArchiveSweep {

	private static final Logger logger = LoggerFactory.getLogger(ArchiveSweep.class);

	private final ArchiveStore archives;

	private final SnapshotRepository snapshots;

	private final OperationJournal journal;

	public ArchiveSweep(ArchiveStore archives, SnapshotRepository snapshots, OperationJournal journal) {
		this.archives = archives;
		this.snapshots = snapshots;
		this.journal = journal;
	}

	/**
	 * Deletes the unused archives and answers how many operations' archives went. The order of the
	 * reads matters: an operation journals its start before it writes an archive and records its
	 * snapshots before it finishes, so reading what is on disk, then what is running, then what the
	 * snapshots need leaves no moment when a needed archive looks unused.
	 */
	public int sweep() {
		Set<String> unused = new HashSet<>(this.archives.operationIds());
		this.journal.unfinished().forEach((operation) -> unused.remove(operation.operationId()));
		unused.removeAll(this.snapshots.operationIds());
		int deleted = 0;
		for (String operationId : unused) {
			try {
				this.archives.deleteOperation(operationId);
				deleted++;
			}
			catch (ArchiveException ex) {
				logger.warn("Could not delete the unused archives of operation {}: {}", operationId, ex.getMessage());
			}
		}
		if (deleted > 0) {
			logger.info("Deleted the unused archives of {} operation(s)", deleted);
		}
		return deleted;
	}

}

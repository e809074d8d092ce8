package io.redeploy.core.redeploy;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.redeploy.core.environment.NodeConfig;
import io.redeploy.core.runtime.ImageRef;

import static org.assertj.core.api.Assertions.assertThat;

class ArchiveSweepTests {

	private final RecordingArchiveStore archives = new RecordingArchiveStore();

	private final InMemorySnapshotRepository snapshots = new InMemorySnapshotRepository();

	private final List<OperationJournal.UnfinishedOperation> running = new ArrayList<>();

	private final OperationJournal journal = new OperationJournal() {

		@Override
		public List<UnfinishedOperation> unfinished() {
			return List.copyOf(ArchiveSweepTests.this.running);
		}

	};

	private final ArchiveSweep sweep = new ArchiveSweep(this.archives, this.snapshots, this.journal);

	@Test
	void archivesOfAFinishedOperationThatNoSnapshotNeedsAreDeleted() {
		archive("op-gone");

		assertThat(this.sweep.sweep()).isEqualTo(1);

		assertThat(this.archives.operationIds()).isEmpty();
		assertThat(this.archives.calls()).contains("deleteOperation op-gone");
	}

	@Test
	void archivesASnapshotNeedsAreKept() {
		archive("op-kept");
		this.snapshots.save(new Snapshot("op-kept-node7", 7, "env", Instant.now(), ImageRef.parse("repo/app:1"), "op-kept",
				"container", NodeConfig.empty(), List.of()));

		assertThat(this.sweep.sweep()).isZero();

		assertThat(this.archives.operationIds()).containsExactly("op-kept");
	}

	@Test
	void archivesOfARunningOperationAreKept() {
		archive("op-running");
		this.running.add(new OperationJournal.UnfinishedOperation("op-running", OperationKind.REDEPLOY, "env",
				Map.of(7L, Optional.of(RedeployStep.ARCHIVE))));

		assertThat(this.sweep.sweep()).isZero();

		assertThat(this.archives.operationIds()).containsExactly("op-running");
	}

	@Test
	void onlyTheUnusedOnesGoWhenAllKindsAreThere() {
		archive("op-gone");
		archive("op-running");
		archive("op-kept");
		this.running.add(new OperationJournal.UnfinishedOperation("op-running", OperationKind.REDEPLOY, "env", Map.of()));
		this.snapshots.save(new Snapshot("op-kept-node7", 7, "env", Instant.now(), ImageRef.parse("repo/app:1"), "op-kept",
				"container", NodeConfig.empty(), List.of()));

		this.sweep.sweep();

		assertThat(this.archives.operationIds()).containsExactlyInAnyOrder("op-running", "op-kept");
	}

	private void archive(String operationId) {
		this.archives.save(operationId, 7, ArchiveKind.PLATFORM, "/var/lib/jelastic", new ByteArrayInputStream(new byte[] { 1 }));
	}

}

package io.redeploy.docker.archive;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.redeploy.core.environment.NodeConfig;
import io.redeploy.core.redeploy.ArchiveChecksumException;
import io.redeploy.core.redeploy.ArchiveContents;
import io.redeploy.core.redeploy.ArchiveInfo;
import io.redeploy.core.redeploy.ArchiveKind;
import io.redeploy.core.redeploy.ArchiveStore;
import io.redeploy.core.redeploy.Manifest;
import io.redeploy.core.redeploy.RestoreMode;
import io.redeploy.core.redeploy.UnsafeArchiveEntryException;
import io.redeploy.core.runtime.ImageRef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FileSystemArchiveStoreTests {

	private static final String OPERATION = "0f1e2d3c-aaaa-bbbb-cccc-000000000001";

	@TempDir
	Path root;

	private ArchiveStore store() {
		return ArchiveStores.onFileSystem(this.root);
	}

	@Test
	void saveGzipsTheTarStreamIntoTheNodesFolderWithItsSizeAndSha256() throws IOException {
		byte[] tar = new TarBuilder().dir("jelastic/").file("jelastic/keys/id_rsa", "secret").build();

		ArchiveInfo archive = store().save(OPERATION, 7, ArchiveKind.PLATFORM, "/var/lib/jelastic", new ByteArrayInputStream(tar));

		assertThat(archive.file().getParent()).isEqualTo(this.root.resolve(OPERATION).resolve("node7"));
		assertThat(archive.file().getFileName().toString()).startsWith("platform-var_lib_jelastic-").endsWith(".tar.gz");
		assertThat(archive.sizeBytes()).isEqualTo(Files.size(archive.file()));
		assertThat(archive.sha256()).hasSize(64).isEqualTo(sha256(Files.readAllBytes(archive.file())));
		try (InputStream in = new GZIPInputStream(Files.newInputStream(archive.file()))) {
			assertThat(in.readAllBytes()).isEqualTo(tar);
		}
		assertThat(archive.file().resolveSibling(archive.file().getFileName() + ".part")).doesNotExist();
	}

	@Test
	void archivesOfDifferentPathsWithTheSameSlugDoNotCollide() {
		ArchiveInfo first = store().save(OPERATION, 1, ArchiveKind.KEPT_PATH, "/a_b", tarOf("a_b", "1"));
		ArchiveInfo second = store().save(OPERATION, 1, ArchiveKind.KEPT_PATH, "/a/b", tarOf("b", "2"));

		assertThat(first.file()).isNotEqualTo(second.file());
	}

	@Test
	void verifyAcceptsAnIntactArchiveAndTellsWhetherItIsOneRegularFile() {
		ArchiveInfo file = store().save(OPERATION, 1, ArchiveKind.BACKUP_FILE, "/etc/php.ini", tarOf("php.ini", "x=1"));
		ArchiveInfo directory = store().save(OPERATION, 1, ArchiveKind.BACKUP_FILE, "/etc/nginx",
				new ByteArrayInputStream(new TarBuilder().dir("nginx/").file("nginx/nginx.conf", "a").build()));

		assertThat(store().verify(file)).isEqualTo(new ArchiveContents(1, true));
		assertThat(store().verify(directory)).isEqualTo(new ArchiveContents(2, false));
	}

	@Test
	void verifyRefusesAnArchiveThatChangedOnDisk() throws IOException {
		ArchiveInfo archive = store().save(OPERATION, 1, ArchiveKind.KEPT_PATH, "/etc/php.ini", tarOf("php.ini", "x=1"));
		byte[] bytes = Files.readAllBytes(archive.file());
		bytes[bytes.length / 2] ^= 0x55;
		Files.write(archive.file(), bytes);

		assertThatExceptionOfType(ArchiveChecksumException.class).isThrownBy(() -> store().verify(archive));
	}

	@Test
	void verifyRefusesAnArchiveWithAnEntryOutsideItsPath() {
		ArchiveInfo archive = store().save(OPERATION, 1, ArchiveKind.KEPT_PATH, "/etc/php.ini",
				new ByteArrayInputStream(new TarBuilder().file("php.ini", "x").file("passwd", "root::0:0").build()));

		assertThatExceptionOfType(UnsafeArchiveEntryException.class).isThrownBy(() -> store().verify(archive))
			.satisfies((ex) -> assertThat(ex.entry()).isEqualTo("passwd"));
	}

	@Test
	void restoreRefusesAnArchiveReplacedByAWellFormedOneBeforeTheEndOfTheTar() throws IOException {
		ArchiveInfo archive = store().save(OPERATION, 1, ArchiveKind.KEPT_PATH, "/etc/app.ini", tarOf("app.ini", "mine"));
		replaceWithGzip(archive.file(), new TarBuilder().file("app.ini", "planted").build());
		ByteArrayOutputStream received = new ByteArrayOutputStream();

		assertThatExceptionOfType(ArchiveChecksumException.class).isThrownBy(() -> {
			try (InputStream restore = store().openForRestore(archive, RestoreMode.AS_IS)) {
				restore.transferTo(received);
			}
		}).withMessageContaining("failed its checksum").withMessageContaining(archive.file().toString());
		// the entries went out (the reader must discard what it extracted), the end of the archive did not
		assertThat(received.toString(StandardCharsets.ISO_8859_1)).contains("planted");
		byte[] bytes = received.toByteArray();
		assertThat(java.util.Arrays.copyOfRange(bytes, bytes.length - 1024, bytes.length)).isNotEqualTo(new byte[1024]);
	}

	@Test
	void restoreReportsADamagedOrTruncatedFileByItsChecksumRatherThanAsAGzipError() throws IOException {
		byte[] data = new byte[512 * 1024];
		new java.util.Random(2).nextBytes(data);
		ArchiveInfo flipped = store().save(OPERATION, 1, ArchiveKind.KEPT_PATH, "/srv/a.bin",
				new ByteArrayInputStream(new TarBuilder().file("a.bin", data).build()));
		ArchiveInfo truncated = store().save(OPERATION, 1, ArchiveKind.KEPT_PATH, "/srv/b.bin",
				new ByteArrayInputStream(new TarBuilder().file("b.bin", data).build()));
		byte[] bytes = Files.readAllBytes(flipped.file());
		bytes[bytes.length / 2] ^= 0x55;
		Files.write(flipped.file(), bytes);
		byte[] whole = Files.readAllBytes(truncated.file());
		Files.write(truncated.file(), java.util.Arrays.copyOf(whole, whole.length / 2));

		for (ArchiveInfo archive : List.of(flipped, truncated)) {
			assertThatExceptionOfType(ArchiveChecksumException.class)
				.isThrownBy(() -> entries(store().openForRestore(archive, RestoreMode.AS_IS)))
				.withMessageContaining(archive.file().toString());
		}
	}

	@Test
	void restoreOfAnArchiveThatIsNoLongerGzipAtAllIsAChecksumFailureAtOpening() throws IOException {
		ArchiveInfo archive = store().save(OPERATION, 1, ArchiveKind.KEPT_PATH, "/etc/app.ini", tarOf("app.ini", "mine"));
		Files.writeString(archive.file(), "not a gzip file");

		assertThatExceptionOfType(ArchiveChecksumException.class)
			.isThrownBy(() -> store().openForRestore(archive, RestoreMode.AS_IS));
	}

	@Test
	void restoreReRootsTheEntriesAtTheArchivesPathKeepingModesOwnersTimesAndSymlinks() {
		Instant mtime = Instant.parse("2020-05-01T10:00:00Z");
		byte[] tar = new TarBuilder().dir("jelastic/")
			.entry("jelastic/keys/id_rsa", "secret", (entry) -> {
				entry.setMode(0100600);
				entry.setIds(1000, 1001);
				entry.setUserName("app");
				entry.setGroupName("app");
				entry.setModTime(mtime.toEpochMilli());
			})
			.symlink("jelastic/current", "/etc/alternatives/current")
			.build();
		ArchiveInfo archive = store().save(OPERATION, 1, ArchiveKind.PLATFORM, "/var/lib/jelastic", new ByteArrayInputStream(tar));

		List<TarArchiveEntry> entries = entries(store().openForRestore(archive, RestoreMode.AS_IS));

		assertThat(entries).extracting(TarArchiveEntry::getName)
			.containsExactly("var/lib/jelastic/", "var/lib/jelastic/keys/id_rsa", "var/lib/jelastic/current");
		TarArchiveEntry key = entries.get(1);
		assertThat(key.getMode()).isEqualTo(0100600);
		assertThat(key.getLongUserId()).isEqualTo(1000);
		assertThat(key.getLongGroupId()).isEqualTo(1001);
		assertThat(key.getUserName()).isEqualTo("app");
		assertThat(key.getModTime().toInstant()).isEqualTo(mtime);
		assertThat(entries.get(2).isSymbolicLink()).isTrue();
		assertThat(entries.get(2).getLinkName()).isEqualTo("/etc/alternatives/current");
	}

	@Test
	void restoreStreamsTheDataOfLargeFilesIntact() throws IOException {
		byte[] big = new byte[3 * 1024 * 1024 + 17];
		new java.util.Random(1).nextBytes(big);
		byte[] tar = new TarBuilder().file("data.bin", big).build();
		ArchiveInfo archive = store().save(OPERATION, 1, ArchiveKind.KEPT_PATH, "/srv/data.bin", new ByteArrayInputStream(tar));

		try (TarArchiveInputStream in = new TarArchiveInputStream(store().openForRestore(archive, RestoreMode.AS_IS))) {
			assertThat(in.getNextEntry().getName()).isEqualTo("srv/data.bin");
			assertThat(in.readAllBytes()).isEqualTo(big);
			assertThat(in.getNextEntry()).isNull();
		}
	}

	@Test
	void restoreAsBackupRenamesTheFileToDotBackup() throws IOException {
		ArchiveInfo archive = store().save(OPERATION, 1, ArchiveKind.BACKUP_FILE, "/etc/php.ini", tarOf("php.ini", "memory_limit=1G"));

		try (TarArchiveInputStream in = new TarArchiveInputStream(store().openForRestore(archive, RestoreMode.AS_BACKUP))) {
			assertThat(in.getNextEntry().getName()).isEqualTo("etc/php.ini.backup");
			assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("memory_limit=1G");
			assertThat(in.getNextEntry()).isNull();
		}
	}

	@Test
	void restoreAsBackupRefusesADirectory() {
		ArchiveInfo archive = store().save(OPERATION, 1, ArchiveKind.BACKUP_FILE, "/etc/nginx",
				new ByteArrayInputStream(new TarBuilder().dir("nginx/").file("nginx/nginx.conf", "a").build()));

		assertThatExceptionOfType(UnsafeArchiveEntryException.class)
			.isThrownBy(() -> entries(store().openForRestore(archive, RestoreMode.AS_BACKUP)))
			.withMessageContaining("one regular file");
	}

	@Test
	void restoreRefusesAnAbsoluteEntryName() {
		assertUnsafe("/etc/php.ini", new TarBuilder().file("/etc/passwd", "root::0:0").build(), "absolute");
	}

	@Test
	void restoreRefusesDotDotInAnEntryName() {
		assertUnsafe("/var/lib/jelastic", new TarBuilder().dir("jelastic/").file("jelastic/../../../etc/passwd", "x").build(), "'..'");
	}

	@Test
	void restoreRefusesAnEntryBesideTheDeclaredPath() {
		assertUnsafe("/var/lib/jelastic", new TarBuilder().file("jelasticX/evil", "x").build(), "outside /var/lib/jelastic");
	}

	@Test
	void restoreRefusesAWriteThroughASymlinkOfTheArchive() {
		byte[] tar = new TarBuilder().dir("jelastic/").symlink("jelastic/link", "/etc").file("jelastic/link/passwd", "root::0:0").build();

		assertUnsafe("/var/lib/jelastic", tar, "through the symlink");
	}

	@Test
	void restoreRefusesAHardLinkOutOfTheTree() {
		byte[] tar = new TarBuilder().dir("jelastic/").hardLink("jelastic/shadow", "etc/shadow").build();

		assertUnsafe("/var/lib/jelastic", tar, "hard link");
	}

	@Test
	void restoreRefusesAHardLinkClimbingOutWithDotDot() {
		byte[] tar = new TarBuilder().dir("jelastic/").hardLink("jelastic/shadow", "jelastic/../../../etc/shadow").build();

		assertUnsafe("/var/lib/jelastic", tar, "'..'");
	}

	@Test
	void restoreKeepsAHardLinkInsideTheTreeReRooted() {
		byte[] tar = new TarBuilder().dir("jelastic/").file("jelastic/a", "x").hardLink("jelastic/b", "jelastic/a").build();
		ArchiveInfo archive = store().save(OPERATION, 1, ArchiveKind.PLATFORM, "/var/lib/jelastic", new ByteArrayInputStream(tar));

		List<TarArchiveEntry> entries = entries(store().openForRestore(archive, RestoreMode.AS_IS));

		assertThat(entries.get(2).isLink()).isTrue();
		assertThat(entries.get(2).getLinkName()).isEqualTo("var/lib/jelastic/a");
	}

	@Test
	void restoreRefusesDeviceNodes() {
		assertUnsafe("/var/lib/jelastic", new TarBuilder().dir("jelastic/").device("jelastic/sda", TarConstants.LF_BLK).build(), "device");
		assertUnsafe("/var/lib/jelastic", new TarBuilder().dir("jelastic/").device("jelastic/mem", TarConstants.LF_CHR).build(), "device");
	}

	@Test
	void listPathsNamesEveryEntryOfAFileSystemAsAnAbsolutePath() {
		byte[] tar = new TarBuilder().dir("./").dir("etc/").file("etc/nginx.conf", "a").file("./usr/bin/app", "b").build();

		Set<String> paths = store().listPaths(new ByteArrayInputStream(tar));

		assertThat(paths).containsExactlyInAnyOrder("/etc", "/etc/nginx.conf", "/usr/bin/app");
	}

	@Test
	void filterRootLeavesOutExcludedPathsAndDeviceNodes() {
		byte[] tar = new TarBuilder().dir("etc/")
			.file("etc/nginx.conf", "old")
			.file("etc/custom.conf", "mine")
			.device("dev/null", TarConstants.LF_CHR)
			.file("home/app/notes", "keep")
			.build();

		List<TarArchiveEntry> entries = entries(store().filterRoot(new ByteArrayInputStream(tar),
				(path) -> path.equals("/etc") || path.equals("/etc/nginx.conf")));

		assertThat(entries).extracting(TarArchiveEntry::getName).containsExactly("etc/custom.conf", "home/app/notes");
	}

	@Test
	void filterRootTakesTheEnginesAbsoluteNamesOfAWholeFileSystemAsRelativeToTheRoot() {
		byte[] tar = new TarBuilder().dir("/").dir("/etc/").file("/etc/custom.conf", "mine").build();

		List<TarArchiveEntry> entries = entries(store().filterRoot(new ByteArrayInputStream(tar), (path) -> false));

		assertThat(entries).extracting(TarArchiveEntry::getName).containsExactly("etc/", "etc/custom.conf");
	}

	@Test
	void filterRootRefusesClimbingOut() {
		byte[] tar = new TarBuilder().file("../../etc/passwd", "x").build();

		assertThatExceptionOfType(UnsafeArchiveEntryException.class)
			.isThrownBy(() -> entries(store().filterRoot(new ByteArrayInputStream(tar), (path) -> false)));
	}

	@Test
	void theManifestIsWrittenBesideTheArchivesAsJson() throws IOException {
		ArchiveInfo archive = store().save(OPERATION, 3, ArchiveKind.PLATFORM, "/var/lib/jelastic", tarOf("jelastic", "x"));
		NodeConfig config = NodeConfig.empty().plusEnv(Map.of("QUOTE", "say \"hi\"\n"));

		Path manifest = store().writeManifest(new Manifest(OPERATION, "shop", 3, "cp", "c1", ImageRef.parse("repo/app:1"),
				ImageRef.parse("repo/app:2"), Instant.parse("2025-01-01T00:00:00Z"), config, List.of(archive), List.of("a\twarning")));

		assertThat(manifest).isEqualTo(archive.file().resolveSibling("manifest.json"));
		String json = Files.readString(manifest);
		assertThat(json).contains("\"oldImage\": \"repo/app:1\"", "\"newImage\": \"repo/app:2\"", "\"sha256\": \"" + archive.sha256() + "\"",
				"\"sizeBytes\": " + archive.sizeBytes(), "\"QUOTE\": \"say \\\"hi\\\"\\n\"", "\"a\\twarning\"", "\"kind\": \"PLATFORM\"");
	}

	@Test
	void deleteRemovesTheNodesFolderAndAnEmptyOperationFolder() {
		ArchiveInfo first = store().save(OPERATION, 1, ArchiveKind.PLATFORM, "/var/lib/jelastic", tarOf("jelastic", "x"));
		ArchiveInfo second = store().save(OPERATION, 2, ArchiveKind.PLATFORM, "/var/lib/jelastic", tarOf("jelastic", "x"));

		store().delete(OPERATION, 1);
		assertThat(first.file().getParent()).doesNotExist();
		assertThat(second.file()).exists();

		store().delete(OPERATION, 2);
		assertThat(this.root.resolve(OPERATION)).doesNotExist();
		store().delete(OPERATION, 2);
	}

	@Test
	void theStoreListsTheOperationsItHoldsAndDeletesOneWhole() throws IOException {
		String other = "0f1e2d3c-aaaa-bbbb-cccc-000000000002";
		store().save(OPERATION, 1, ArchiveKind.PLATFORM, "/var/lib/jelastic", tarOf("jelastic", "x"));
		store().save(OPERATION, 2, ArchiveKind.PLATFORM, "/var/lib/jelastic", tarOf("jelastic", "x"));
		ArchiveInfo kept = store().save(other, 1, ArchiveKind.PLATFORM, "/var/lib/jelastic", tarOf("jelastic", "x"));
		Files.writeString(this.root.resolve("not-an-operation.txt"), "x");

		assertThat(store().operationIds()).containsExactlyInAnyOrder(OPERATION, other);

		store().deleteOperation(OPERATION);
		assertThat(this.root.resolve(OPERATION)).doesNotExist();
		assertThat(kept.file()).exists();
		assertThat(store().operationIds()).containsExactly(other);
		store().deleteOperation(OPERATION);
		assertThatExceptionOfType(io.redeploy.core.redeploy.ArchiveException.class)
			.isThrownBy(() -> store().deleteOperation(".."));
	}

	@Test
	void anEmptyOrMissingRootHoldsNoOperations() {
		assertThat(ArchiveStores.onFileSystem(this.root.resolve("missing")).operationIds()).isEmpty();
	}

	@Test
	void anOperationIdThatCouldClimbOutOfTheRootIsRefused() {
		assertThatExceptionOfType(io.redeploy.core.redeploy.ArchiveException.class)
			.isThrownBy(() -> store().save("../x", 1, ArchiveKind.PLATFORM, "/var/lib/jelastic", tarOf("jelastic", "x")));
	}

	private void assertUnsafe(String containerPath, byte[] tar, String reason) {
		ArchiveInfo archive = store().save(OPERATION, 1, ArchiveKind.KEPT_PATH, containerPath, new ByteArrayInputStream(tar));

		assertThatExceptionOfType(UnsafeArchiveEntryException.class).isThrownBy(() -> store().verify(archive))
			.withMessageContaining(reason);
		assertThatExceptionOfType(UnsafeArchiveEntryException.class)
			.isThrownBy(() -> entries(store().openForRestore(archive, RestoreMode.AS_IS)))
			.withMessageContaining(reason);
	}

	private static void replaceWithGzip(Path file, byte[] tar) throws IOException {
		try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(file))) {
			out.write(tar);
		}
	}

	private static InputStream tarOf(String name, String content) {
		return new ByteArrayInputStream(new TarBuilder().file(name, content).build());
	}

	private static List<TarArchiveEntry> entries(InputStream tar) {
		List<TarArchiveEntry> entries = new ArrayList<>();
		try (TarArchiveInputStream in = new TarArchiveInputStream(tar)) {
			for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				entries.add(entry);
			}
			return entries;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String sha256(byte[] bytes) {
		try {
			return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Builds tar streams in memory, including the hostile ones a real engine would never produce. */
	static final class TarBuilder {

		private final Map<TarArchiveEntry, byte[]> entries = new LinkedHashMap<>();

		TarBuilder dir(String name) {
			this.entries.put(new TarArchiveEntry(name, TarConstants.LF_DIR, true), new byte[0]);
			return this;
		}

		TarBuilder file(String name, String content) {
			return file(name, content.getBytes(StandardCharsets.UTF_8));
		}

		TarBuilder file(String name, byte[] content) {
			return entry(name, content, (entry) -> {
			});
		}

		TarBuilder entry(String name, String content, java.util.function.Consumer<TarArchiveEntry> customise) {
			return entry(name, content.getBytes(StandardCharsets.UTF_8), customise);
		}

		TarBuilder entry(String name, byte[] content, java.util.function.Consumer<TarArchiveEntry> customise) {
			TarArchiveEntry entry = new TarArchiveEntry(name, true);
			entry.setSize(content.length);
			customise.accept(entry);
			this.entries.put(entry, content);
			return this;
		}

		TarBuilder symlink(String name, String target) {
			TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
			entry.setLinkName(target);
			this.entries.put(entry, new byte[0]);
			return this;
		}

		TarBuilder hardLink(String name, String target) {
			TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
			entry.setLinkName(target);
			this.entries.put(entry, new byte[0]);
			return this;
		}

		TarBuilder device(String name, byte type) {
			TarArchiveEntry entry = new TarArchiveEntry(name, type, true);
			entry.setDevMajor(8);
			this.entries.put(entry, new byte[0]);
			return this;
		}

		byte[] build() {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
				out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
				for (Map.Entry<TarArchiveEntry, byte[]> entry : this.entries.entrySet()) {
					out.putArchiveEntry(entry.getKey());
					out.write(entry.getValue());
					out.closeArchiveEntry();
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return bytes.toByteArray();
		}

	}

}

package io.redeploy.core.redeploy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class RedeployConfTests {

	private static final Map<String, String> VARIABLES = Map.of("home", "/home/app", "APP_DIR", "/opt/app", "EVIL", "/x/../etc");

	private static final String[] OBLIGATORY = { "/etc/jelastic/redeploy.conf", "/home/app/.bash_profile",
			"/etc/sysconfig/iptables", "/etc/sysconfig/iptables-custom", "/var/lib/jelastic/keys" };

	@Test
	void onePathPerLineWithBlankLinesAndCommentsIgnored() {
		RedeployConf conf = RedeployConf.parse("# kept on redeploy\n\n/etc/nginx/nginx.conf\n   \n  # indented comment\n/var/www/app\n", VARIABLES);

		assertThat(conf.keptPaths()).extracting(RedeployConfEntry::path).startsWith("/etc/nginx/nginx.conf", "/var/www/app");
		assertThat(conf.rejected()).isEmpty();
	}

	@Test
	void theObligatoryEntriesAreInEffectEvenWhenDeletedFromTheFile() {
		RedeployConf conf = RedeployConf.parse("/etc/php.ini\n", VARIABLES);

		assertThat(conf.keptPaths()).extracting(RedeployConfEntry::path).contains(OBLIGATORY);
	}

	@Test
	void anEmptyFileKeepsTheObligatoryEntriesOnly() {
		RedeployConf conf = RedeployConf.parse("", VARIABLES);

		assertThat(conf.entries()).extracting(RedeployConfEntry::path).containsExactly(OBLIGATORY);
	}

	@Test
	void obligatoryEntriesListedInTheFileAreNotRepeated() {
		RedeployConf conf = RedeployConf.parse(String.join("\n", OBLIGATORY), VARIABLES);

		assertThat(conf.entries()).hasSize(OBLIGATORY.length);
	}

	@Test
	void homeAndEnvironmentVariablesAreExpanded() {
		RedeployConf conf = RedeployConf.parse("${home}/.config/app.yml\n${APP_DIR}/conf/app.properties\n", VARIABLES);

		assertThat(conf.keptPaths()).extracting(RedeployConfEntry::path)
			.startsWith("/home/app/.config/app.yml", "/opt/app/conf/app.properties");
	}

	@Test
	void anUnknownVariableRefusesItsLine() {
		RedeployConf conf = RedeployConf.parse("${NOPE}/file\n", VARIABLES);

		assertThat(conf.rejected()).singleElement().asString().contains("line 1").contains("${NOPE}");
		assertThat(conf.entries()).hasSize(OBLIGATORY.length);
	}

	@Test
	void aVariableThatExpandsToDotDotIsRefused() {
		RedeployConf conf = RedeployConf.parse("${EVIL}/passwd\n", VARIABLES);

		assertThat(conf.rejected()).singleElement().asString().contains("'..'");
	}

	@Test
	void backupMarksAFileForABackupCopy() {
		RedeployConf conf = RedeployConf.parse("/etc/php.ini backup\n/etc/my.cnf\tbackup\n/etc/nginx/nginx.conf\n", VARIABLES);

		assertThat(conf.backupFiles()).extracting(RedeployConfEntry::path).containsExactly("/etc/php.ini", "/etc/my.cnf");
		assertThat(conf.keptPaths()).extracting(RedeployConfEntry::path).contains("/etc/nginx/nginx.conf").doesNotContain("/etc/php.ini");
	}

	@Test
	void aPathThatEndsInBackupWithoutASpaceIsAPlainPath() {
		RedeployConf conf = RedeployConf.parse("/etc/backup\n/srv/app.backup\n", VARIABLES);

		assertThat(conf.backupFiles()).isEmpty();
		assertThat(conf.keptPaths()).extracting(RedeployConfEntry::path).startsWith("/etc/backup", "/srv/app.backup");
	}

	@Test
	void pathsAreNormalised() {
		RedeployConf conf = RedeployConf.parse("//etc//nginx/\r\n/var/www/\n", VARIABLES);

		assertThat(conf.keptPaths()).extracting(RedeployConfEntry::path).startsWith("/etc/nginx", "/var/www");
	}

	@Test
	void repeatedLinesAreKeptOnce() {
		RedeployConf conf = RedeployConf.parse("/etc/a\n/etc/a\n/etc//a/\n", VARIABLES);

		assertThat(conf.keptPaths()).extracting(RedeployConfEntry::path).filteredOn("/etc/a"::equals).hasSize(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "../etc/shadow", "/etc/../etc/shadow", "/var/./www", "etc/relative", "relative", "/",
			"/proc/self/environ", "/proc", "/sys/kernel", "/dev/sda", "/etc/pa\u0000sswd", "/etc/ta\u0007b", "/home/a\u001bb" })
	void dangerousLinesAreRefusedNotFollowed(String line) {
		RedeployConf conf = RedeployConf.parse(line + "\n", VARIABLES);

		assertThat(conf.rejected()).singleElement().asString().startsWith("redeploy.conf line 1 refused");
		assertThat(conf.entries()).hasSize(OBLIGATORY.length);
	}

	@Test
	void prefixesOfForbiddenRootsAreNotForbidden() {
		RedeployConf conf = RedeployConf.parse("/devices/x\n/system\n/process.log\n", VARIABLES);

		assertThat(conf.rejected()).isEmpty();
		assertThat(conf.keptPaths()).extracting(RedeployConfEntry::path).startsWith("/devices/x", "/system", "/process.log");
	}

	@Test
	void aLineLongerThan4096CharactersIsRefused() {
		String longPath = "/" + "a".repeat(RedeployConf.MAX_LINE);
		String justFits = "/" + "b".repeat(RedeployConf.MAX_LINE - 1);

		RedeployConf conf = RedeployConf.parse(longPath + "\n" + justFits + "\n", VARIABLES);

		assertThat(conf.rejected()).singleElement().asString().contains("line 1").contains("longer than 4096");
		assertThat(conf.keptPaths()).extracting(RedeployConfEntry::path).contains(justFits);
	}

	@Test
	void entriesBeyondTenThousandAreRefused() {
		StringBuilder content = new StringBuilder();
		for (int i = 0; i < RedeployConf.MAX_ENTRIES + 5; i++) {
			content.append("/data/file").append(i).append('\n');
		}

		RedeployConf conf = RedeployConf.parse(content.toString(), VARIABLES);

		assertThat(conf.rejected()).singleElement().asString().contains("more than 10000 entries").contains("line 10001");
		assertThat(conf.entries()).hasSize(RedeployConf.MAX_ENTRIES + OBLIGATORY.length);
	}

	@Test
	void commentsAndBlankLinesDoNotCountAsEntries() {
		StringBuilder content = new StringBuilder();
		for (int i = 0; i < RedeployConf.MAX_ENTRIES; i++) {
			content.append("# comment\n\n/data/file").append(i).append('\n');
		}

		RedeployConf conf = RedeployConf.parse(content.toString(), VARIABLES);

		assertThat(conf.rejected()).isEmpty();
	}

	@Test
	void aDollarWithoutBracesIsLiteral() {
		RedeployConf conf = RedeployConf.parse("/srv/$HOME/x\n", VARIABLES);

		assertThat(conf.keptPaths()).extracting(RedeployConfEntry::path).contains("/srv/$HOME/x");
	}

	@Test
	void homeIsTakenFromPasswdByNameOrUid() {
		String passwd = "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n";

		assertThat(RedeployConfReader.homeOf(passwd, "app")).isEqualTo("/home/app");
		assertThat(RedeployConfReader.homeOf(passwd, "1000")).isEqualTo("/home/app");
		assertThat(RedeployConfReader.homeOf(passwd, "nobody")).isEqualTo("/root");
	}

}

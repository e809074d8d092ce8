package io.redeploy.cli;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Where {@code signin} keeps the session for the calls that follow: {@code ~/.config/redeploy/session}
 * (under {@code $XDG_CONFIG_HOME} when set), or the file named by {@code --session} or
 * {@code REDEPLOY_SESSION}. Only its owner may read it (mode 600): the session is as good as a password.
 */
record SessionFile(Path path) {

	private static final Pattern SESSION = Pattern.compile("[0-9a-f]{64}");

	/** The file that {@code --session}, else {@code REDEPLOY_SESSION}, else the default location names. */
	static SessionFile locate(Optional<String> option, Map<String, String> env) {
		Optional<String> named = option.or(() -> nonBlank(env.get("REDEPLOY_SESSION")));
		if (named.isPresent()) {
			return new SessionFile(Path.of(named.get()));
		}
		Path config = nonBlank(env.get("XDG_CONFIG_HOME")).map(Path::of)
			.orElseGet(() -> Path.of(nonBlank(env.get("HOME")).orElse(System.getProperty("user.home")), ".config"));
		return new SessionFile(config.resolve("redeploy").resolve("session"));
	}

	/**
	 * A session given in place of a file (64 hex characters, as signin answers it), so that a pipeline
	 * can pass {@code REDEPLOY_SESSION=$SESSION} without writing a file.
	 */
	Optional<String> literalSession() {
		String name = this.path.toString();
		return (SESSION.matcher(name).matches() && !Files.exists(this.path)) ? Optional.of(name) : Optional.empty();
	}

	/** The saved session, when there is one. */
	Optional<Saved> read() {
		if (literalSession().isPresent()) {
			return literalSession().map((session) -> new Saved(null, session, null));
		}
		if (!Files.isRegularFile(this.path)) {
			return Optional.empty();
		}
		try {
			Properties properties = new Properties();
			properties.load(new StringReader(Files.readString(this.path, StandardCharsets.UTF_8)));
			return nonBlank(properties.getProperty("session"))
				.map((session) -> new Saved(properties.getProperty("url"), session, properties.getProperty("login")));
		}
		catch (IOException ex) {
			throw new CliException("Cannot read the session file " + this.path + ": " + ex.getMessage(), ex);
		}
	}

	/** Replaces the file with this session; the file is never readable by others, not even for a moment. */
	void write(Saved saved) {
		if (literalSession().isPresent()) {
			throw new UsageException("--session or REDEPLOY_SESSION holds a session, not a file to save one in");
		}
		Path target = this.path.toAbsolutePath();
		try {
			Path directory = target.getParent();
			if (!Files.isDirectory(directory)) {
				createPrivately(directory, true);
			}
			Path temporary = directory.resolve("." + target.getFileName() + ".tmp");
			Files.deleteIfExists(temporary);
			createPrivately(temporary, false);
			Files.writeString(temporary, saved.toText(), StandardCharsets.UTF_8);
			try {
				Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		catch (IOException ex) {
			throw new CliException("Cannot write the session file " + target + ": " + ex.getMessage(), ex);
		}
	}

	/** Forgets the session (after signout). */
	void delete() {
		if (literalSession().isPresent()) {
			return;
		}
		try {
			Files.deleteIfExists(this.path);
		}
		catch (IOException ex) {
			throw new CliException("Cannot remove the session file " + this.path + ": " + ex.getMessage(), ex);
		}
	}

	private static void createPrivately(Path path, boolean directory) throws IOException {
		if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
			if (directory) {
				Files.createDirectories(path);
			}
			else {
				Files.createFile(path);
			}
			return;
		}
		if (directory) {
			Files.createDirectories(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		}
		else {
			Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
	}

	private static Optional<String> nonBlank(String value) {
		return Optional.ofNullable(value).filter((text) -> !text.isBlank());
	}

	/** A session and the service it belongs to; {@code url} and {@code login} are unknown for a literal session. */
	record Saved(String url, String session, String login) {

		String toText() {
			StringBuilder text = new StringBuilder("# written by jelastic signin; keep it private\n");
			if (this.url != null) {
				text.append("url=").append(escape(this.url)).append('\n');
			}
			text.append("session=").append(escape(this.session)).append('\n');
			if (this.login != null) {
				text.append("login=").append(escape(this.login)).append('\n');
			}
			return text.toString();
		}

		/** Whether the session may be sent to {@code url}: never to another service than the one that issued it. */
		boolean belongsTo(String url) {
			return this.url == null || this.url.equals(url);
		}

		private static String escape(String value) {
			return value.replace("\\", "\\\\").replace("\n", "\\n").replace(":", "\\:").replace("=", "\\=");
		}

	}

}

package io.redeploy.core.redeploy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.redeploy.core.environment.Node;
import io.redeploy.core.runtime.ContainerPathNotFoundException;
import io.redeploy.core.runtime.ContainerRuntime;
import io.redeploy.core.runtime.ContainerRuntimeException;
import io.redeploy.core.runtime.ExecResult;
import io.redeploy.core.runtime.ImageInfo;

/** Reads a node's redeploy.conf and the variables it may use out of its running (or stopped) container. */
final class RedeployConfReader {

	private static final Logger logger = LoggerFactory.getLogger(RedeployConfReader.class);

	/** 10,000 entries of a few hundred characters; a larger file is refused rather than half read. */
	static final long MAX_CONF_BYTES = 4L * 1024 * 1024;

	private static final Duration EXEC_TIMEOUT = Duration.ofSeconds(10);

	private static final long MAX_PASSWD_BYTES = 1024 * 1024;

	private final ContainerRuntime runtime;

	RedeployConfReader(ContainerRuntime runtime) {
		this.runtime = runtime;
	}

	/** The node's redeploy.conf; a missing file leaves the obligatory entries, with a warning. */
	RedeployConf read(Node node, List<String> warnings) {
		Map<String, String> variables = variables(node);
		String content;
		try {
			content = new String(this.runtime.readFile(node.containerId(), RedeployConf.PATH, MAX_CONF_BYTES),
					StandardCharsets.UTF_8);
		}
		catch (ContainerPathNotFoundException ex) {
			warnings.add(RedeployConf.PATH + " does not exist: only the obligatory entries are kept");
			content = "";
		}
		RedeployConf conf = RedeployConf.parse(content, variables);
		warnings.addAll(conf.rejected());
		return conf;
	}

	/** The image's environment under the user's own, plus {@code home}. */
	private Map<String, String> variables(Node node) {
		Map<String, String> variables = new HashMap<>();
		ImageInfo image = this.runtime.inspectImage(node.image());
		for (String entry : image.env()) {
			int eq = entry.indexOf('=');
			variables.put((eq < 0) ? entry : entry.substring(0, eq), (eq < 0) ? "" : entry.substring(eq + 1));
		}
		variables.putAll(node.config().env());
		variables.put("home", home(node, image.user()));
		return variables;
	}

	/** $HOME as the container's shell sees it, else the user's entry in /etc/passwd, else /root. */
	String home(Node node, String imageUser) {
		try {
			ExecResult result = this.runtime.exec(node.containerId(), List.of("sh", "-c", "echo $HOME"), EXEC_TIMEOUT);
			String home = result.stdout().strip();
			if (result.exitCode() == 0 && home.startsWith("/") && home.indexOf('\n') < 0) {
				return home;
			}
		}
		catch (ContainerRuntimeException ex) {
			logger.debug("Node {}: no $HOME from the container ({}), reading /etc/passwd", node.id(), ex.getMessage());
		}
		return homeFromPasswd(node, imageUser);
	}

	private String homeFromPasswd(Node node, String imageUser) {
		String user = imageUser.isEmpty() ? "root" : imageUser.split(":")[0];
		try {
			String passwd = new String(this.runtime.readFile(node.containerId(), "/etc/passwd", MAX_PASSWD_BYTES),
					StandardCharsets.UTF_8);
			return homeOf(passwd, user);
		}
		catch (ContainerRuntimeException ex) {
			logger.debug("Node {}: no /etc/passwd ({}), taking /root as home", node.id(), ex.getMessage());
			return "/root";
		}
	}

	/** The home field of {@code user} (a name or a uid) in a passwd file, or /root. */
	static String homeOf(String passwd, String user) {
		for (String line : passwd.split("\n")) {
			String[] fields = line.split(":", -1);
			if (fields.length >= 7 && (fields[0].equals(user) || fields[2].equals(user)) && fields[5].startsWith("/")) {
				return fields[5];
			}
		}
		return "/root";
	}

}

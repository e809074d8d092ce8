package io.redeploy.docker;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLException;

import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import io.redeploy.core.RedeployException;
import io.redeploy.core.runtime.ContainerEngineUnavailableException;
import io.redeploy.core.runtime.ContainerRuntimeException;
import org.apache.hc.core5.http.HttpException;

/**
 * Translates docker-java's exceptions into the core's, once, around each call to the engine. Calls
 * that already throw a core exception pass it through untouched: that includes one thrown by a stream
 * we hand to the engine (an archive that fails its checksum while it is uploaded), which the transport
 * lets through as it is.
 */
final class DockerErrors {

	// docker-java puts the raw response body into the message: Status 404: {"message":"No such container: x"}
	private static final Pattern ENGINE_MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

	private DockerErrors() {
	}

	static <T> T call(Target target, String action, Supplier<T> call) {
		try {
			return call.get();
		}
		catch (RedeployException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw translate(target, action, ex);
		}
	}

	static void run(Target target, String action, Runnable call) {
		call(target, action, () -> {
			call.run();
			return null;
		});
	}

	static ContainerRuntimeException translate(Target target, String action, Throwable failure) {
		if (failure instanceof ContainerRuntimeException translated) {
			return translated;
		}
		if (failure instanceof NotFoundException notFound) {
			ContainerRuntimeException translated = target.notFound(engineMessage(notFound));
			translated.initCause(notFound);
			return translated;
		}
		if (failure instanceof DockerException refused) {
			return new ContainerRuntimeException("Docker refused to " + action + " " + target.describe() + " (HTTP "
					+ refused.getHttpStatus() + "): " + engineMessage(refused), refused);
		}
		// The transport wraps I/O failures (socket missing, connection refused, timeout) in plain
		// runtime exceptions; docker-java's own client-side checks throw DockerClientException.
		if (unreachable(failure)) {
			return new ContainerEngineUnavailableException("The Docker engine cannot be reached to " + action + " "
					+ target.describe() + ": " + rootMessage(failure), failure);
		}
		return new ContainerRuntimeException("Could not " + action + " " + target.describe() + ": " + rootMessage(failure),
				failure);
	}

	/**
	 * Whether the engine was not there: its socket missing or refusing (it is stopped or restarting), or a
	 * connection that broke or closed without an answer (it went away mid-call, or a pooled connection
	 * outlived it). Below docker-java the transport only moves bytes over that connection, so any of its
	 * I/O failures means so, except three: a timeout (the engine was there but slow, and waiting longer
	 * is not the cure), a TLS failure and an HTTP protocol violation (it answered, wrongly).
	 */
	static boolean unreachable(Throwable failure) {
		boolean io = false;
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() == cause) ? null : cause.getCause()) {
			if (cause instanceof InterruptedIOException || cause instanceof SSLException || cause instanceof HttpException) {
				return false;
			}
			io |= cause instanceof IOException;
		}
		return io;
	}

	/** The engine's own message, without docker-java's status prefix and JSON wrapping. */
	static String engineMessage(DockerException ex) {
		String message = String.valueOf(ex.getMessage());
		Matcher json = ENGINE_MESSAGE.matcher(message);
		if (json.find()) {
			return unescape(json.group(1));
		}
		return message.replaceFirst("^Status \\d+: ", "").strip();
	}

	static String rootMessage(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = (root.getMessage() != null) ? root.getMessage() : "";
		return root.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
	}

	private static String unescape(String json) {
		StringBuilder text = new StringBuilder(json.length());
		for (int i = 0; i < json.length(); i++) {
			char c = json.charAt(i);
			if (c != '\\' || i + 1 == json.length()) {
				text.append(c);
				continue;
			}
			char escaped = json.charAt(++i);
			switch (escaped) {
				case 'n' -> text.append('\n');
				case 't' -> text.append('\t');
				case 'r' -> text.append('\r');
				case 'b' -> text.append('\b');
				case 'f' -> text.append('\f');
				case 'u' -> {
					if (i + 4 < json.length()) {
						text.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
						i += 4;
					}
				}
				default -> text.append(escaped);
			}
		}
		return text.toString();
	}

}

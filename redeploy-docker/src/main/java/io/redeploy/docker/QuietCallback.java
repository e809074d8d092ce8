package io.redeploy.docker;

import java.io.IOException;
import java.util.Optional;

import com.github.dockerjava.api.async.ResultCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A response-stream callback that keeps the failure for its caller to translate. docker-java's own
 * {@code onError} logs every failure at ERROR, even the ones the caller expects and handles.
 */
abstract class QuietCallback<T> extends ResultCallback.Adapter<T> {

	private static final Logger logger = LoggerFactory.getLogger(QuietCallback.class);

	private volatile Throwable failure;

	@Override
	public void onError(Throwable throwable) {
		if (this.failure == null) {
			this.failure = throwable;
		}
		closeQuietly();
	}

	Optional<Throwable> failure() {
		return Optional.ofNullable(this.failure);
	}

	void closeQuietly() {
		try {
			close();
		}
		catch (IOException ex) {
			logger.debug("Could not close a Docker response stream", ex);
		}
	}

}

package io.redeploy.docker;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Keeps the first bytes of a command's output and drops the rest, noting that it did. */
final class CappedOutput {

	private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

	private final int limit;

	private boolean truncated;

	CappedOutput(int limit) {
		this.limit = limit;
	}

	synchronized void append(byte[] payload) {
		int room = this.limit - this.bytes.size();
		if (payload.length > room) {
			this.truncated = true;
		}
		this.bytes.write(payload, 0, Math.max(0, Math.min(room, payload.length)));
	}

	synchronized String text() {
		String text = this.bytes.toString(StandardCharsets.UTF_8);
		return this.truncated ? text + "\n[output truncated after " + this.limit + " bytes]" : text;
	}

}

package io.redeploy.docker.archive;

import java.io.OutputStream;

/** A growable buffer written at one end and read at the other; it only ever holds about one chunk. */
final class ByteQueue extends OutputStream {

	private byte[] bytes = new byte[128 * 1024];

	private int start;

	private int end;

	int available() {
		return this.end - this.start;
	}

	int read(byte[] target, int offset, int length) {
		int count = Math.min(length, available());
		System.arraycopy(this.bytes, this.start, target, offset, count);
		this.start += count;
		if (this.start == this.end) {
			this.start = 0;
			this.end = 0;
		}
		return count;
	}

	@Override
	public void write(int b) {
		write(new byte[] { (byte) b }, 0, 1);
	}

	@Override
	public void write(byte[] source, int offset, int length) {
		if (this.end + length > this.bytes.length) {
			int used = available();
			byte[] target = (used + length > this.bytes.length) ? new byte[Math.max(this.bytes.length * 2, used + length)]
					: this.bytes;
			System.arraycopy(this.bytes, this.start, target, 0, used);
			this.bytes = target;
			this.start = 0;
			this.end = used;
		}
		System.arraycopy(source, offset, this.bytes, this.end, length);
		this.end += length;
	}

}

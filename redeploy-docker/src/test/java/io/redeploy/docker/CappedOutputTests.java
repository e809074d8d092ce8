package io.redeploy.docker;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CappedOutputTests {

	@Test
	void outputWithinLimitIsKeptWhole() {
		CappedOutput output = new CappedOutput(10);

		output.append(bytes("hello "));
		output.append(bytes("you"));

		assertThat(output.text()).isEqualTo("hello you");
	}

	@Test
	void outputBeyondLimitIsCutAndMarked() {
		CappedOutput output = new CappedOutput(8);

		output.append(bytes("hello "));
		output.append(bytes("world"));
		output.append(bytes("again"));

		assertThat(output.text()).isEqualTo("hello wo\n[output truncated after 8 bytes]");
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}

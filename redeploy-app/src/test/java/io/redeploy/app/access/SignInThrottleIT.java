package io.redeploy.app.access;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.redeploy.app.support.ApiClient.Answer;
import io.redeploy.app.support.ServiceIT;
import io.redeploy.core.access.AccessService;
import io.redeploy.core.access.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guessing passwords over HTTP: five failures lock the login out, even for the right password, and
 * only that login. The window passing is proven with a clock in {@code AccessServiceTests}.
 */
class SignInThrottleIT extends ServiceIT {

	private static final String SIGNIN = "users/authentication/rest/signin";

	@Autowired
	private AccessService access;

	@Test
	void fiveFailedSignInsLockTheLoginOutWith429() {
		// an account of its own: the counters are shared by every test of this running service
		String login = "guessed-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
		this.access.ensureUser(login, PASSWORD, Role.USER);

		for (int i = 0; i < AccessService.MAX_FAILED_SIGN_INS; i++) {
			Answer wrong = this.api.post(SIGNIN, "login", login, "password", "guess-" + i);
			assertThat(wrong.status()).as(wrong.body()).isEqualTo(401);
			assertThat(wrong.result()).isEqualTo(702);
		}
		Answer locked = this.api.post(SIGNIN, "login", login, "password", PASSWORD);

		assertThat(locked.status()).as(locked.body()).isEqualTo(429);
		assertThat(locked.result()).isEqualTo(429);
		assertThat(locked.error()).startsWith("Too many failed sign-ins for this login: try again in");
		assertThat(locked.json().has("session")).isFalse();
		assertThat(this.api.post(SIGNIN, "login", ALICE, "password", PASSWORD).status()).isEqualTo(200);
	}

}

package io.redeploy.app.access;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.redeploy.app.support.ApiClient;
import io.redeploy.app.support.ApiClient.Answer;
import io.redeploy.app.support.ServiceIT;
import io.redeploy.docker.testing.TestImages;

import static org.assertj.core.api.Assertions.assertThat;

/** Sessions, ownership and the API's error format, through HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessApiIT extends ServiceIT {

	private static final List<Map<String, Object>> ONE_NODE = List.of(Map.of("nodeGroup", "cp", "image",
			TestImages.APP_1.toString()));

	@Autowired
	private JdbcClient jdbc;

	private String aliceSession;

	private String aliceEnv;

	@BeforeAll
	void aliceOwnsAnEnvironment() {
		connect();
		this.aliceSession = this.api.signIn(ALICE, PASSWORD);
		this.aliceEnv = createEnvironment(this.aliceSession, "alice", ONE_NODE);
	}

	@AfterAll
	void deleteAliceEnvironment() {
		this.api.post(CONTROL + "deleteenv", "session", this.aliceSession, "envName", this.aliceEnv);
	}

	@Test
	void signInWithAWrongPasswordIsRefusedWithTheApiErrorFormat() {
		Answer answer = this.api.post("users/authentication/rest/signin", "login", ALICE, "password", "wrong");
		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.result()).isEqualTo(702);
		assertThat(answer.error()).isEqualTo("Wrong login or password");
	}

	@Test
	void signInAnswersASessionWithItsUserAndExpiry() {
		Answer answer = this.api.get("users/authentication/rest/signin", "login", BOB, "password", PASSWORD);
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.result()).isZero();
		assertThat(answer.json().get("session").asString()).hasSize(64);
		assertThat(answer.json().get("login").asString()).isEqualTo(BOB);
		assertThat(answer.json().get("role").asString()).isEqualTo("USER");
		assertThat(answer.json().get("expiresAt").asString()).isNotBlank();
	}

	@Test
	void aCallWithoutASessionIsRefused() {
		Answer answer = this.api.get(CONTROL + "getenvs");
		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.result()).isEqualTo(701);
	}

	@Test
	void aSignedOutSessionNoLongerWorks() {
		String session = this.api.signIn(BOB, PASSWORD);
		assertThat(this.api.post("users/authentication/rest/signout", "session", session).status()).isEqualTo(200);
		Answer answer = this.api.get(CONTROL + "getenvs", "session", session);
		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.error()).contains("signed-out");
	}

	@Test
	void anotherUsersSessionCannotSeeOrChangeTheEnvironment() {
		String bob = this.api.signIn(BOB, PASSWORD);
		Answer info = this.api.get(CONTROL + "getenvinfo", "session", bob, "envName", this.aliceEnv);
		assertThat(info.status()).isEqualTo(403);
		assertThat(info.result()).isEqualTo(703);
		Answer delete = this.api.post(CONTROL + "deleteenv", "session", bob, "envName", this.aliceEnv);
		assertThat(delete.status()).isEqualTo(403);
		Answer exec = this.api.post(CONTROL + "execcmdbygroup", "session", bob, "envName", this.aliceEnv, "nodeGroup",
				"cp", "commandList", ApiClient.json(List.of(Map.of("command", "touch /tmp/bob-was-here"))));
		assertThat(exec.status()).isEqualTo(403);
		assertThat(this.api.get(CONTROL + "getenvs", "session", bob).json().get("infos"))
			.noneMatch((env) -> env.get("envName").asString().equals(this.aliceEnv));

		Answer stillThere = this.api.get(CONTROL + "getenvinfo", "session", this.aliceSession, "envName", this.aliceEnv);
		assertThat(stillThere.status()).isEqualTo(200);
		Answer untouched = this.api.post(CONTROL + "execcmdbygroup", "session", this.aliceSession, "envName",
				this.aliceEnv, "nodeGroup", "cp", "commandList",
				ApiClient.json(List.of(Map.of("command", "test -e /tmp/bob-was-here"))));
		assertThat(untouched.json().get("responses").get(0).get("exitStatus").asInt()).isEqualTo(1);
	}

	@Test
	void theOperatorSeesEveryEnvironment() {
		String admin = this.api.signIn(ADMIN, ADMIN_PASSWORD);
		assertThat(this.api.get(CONTROL + "getenvs", "session", admin).json().get("infos"))
			.anyMatch((env) -> env.get("envName").asString().equals(this.aliceEnv));
		assertThat(this.api.get(CONTROL + "getenvinfo", "session", admin, "envName", this.aliceEnv).status()).isEqualTo(200);
	}

	@Test
	void aNodeOfAnotherEnvironmentIsNotFoundThroughThisOne() {
		String bob = this.api.signIn(BOB, PASSWORD);
		String bobEnv = createEnvironment(bob, "bob", ONE_NODE);
		long aliceNode = this.api.get(CONTROL + "getenvinfo", "session", this.aliceSession, "envName", this.aliceEnv)
			.json().get("nodes").get(0).get("id").asLong();
		try {
			Answer answer = this.api.post(CONTROL + "execcmdbyid", "session", bob, "envName", bobEnv, "nodeId", aliceNode,
					"commandList", ApiClient.json(List.of(Map.of("command", "true"))));
			assertThat(answer.status()).isEqualTo(404);
			assertThat(answer.error()).contains("is not in environment");
		}
		finally {
			this.api.post(CONTROL + "deleteenv", "session", bob, "envName", bobEnv);
		}
	}

	@Test
	void theDatabaseHoldsNoUsableSessionToken() {
		String session = this.api.signIn(BOB, PASSWORD);
		List<String> stored = this.jdbc.sql("select token_hash from sessions where login = ?").param(BOB)
			.query(String.class)
			.list();
		assertThat(stored).isNotEmpty().doesNotContain(session);
		String usedAsAToken = stored.get(0);
		Answer answer = this.api.get(CONTROL + "getenvs", "session", usedAsAToken);
		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.result()).isEqualTo(701);
		assertThat(this.api.get(CONTROL + "getenvs", "session", session).status()).isEqualTo(200);
	}

}

package io.redeploy.core.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.redeploy.core.AuthenticationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessServiceTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final InMemoryUsers users = new InMemoryUsers();

	private final InMemorySessions sessions = new InMemorySessions();

	private AccessService access;

	@BeforeEach
	void seedAlice() {
		this.access = new AccessService(this.users, this.sessions, new ReversingHasher(), this.clock, Duration.ofHours(1));
		this.access.ensureUser("alice", "secret", Role.USER);
	}

	@Test
	void aSessionStandsForItsUser() {
		Session session = this.access.signIn("alice", "secret");
		assertThat(this.access.authenticate(session.token())).isEqualTo(new Caller("alice", Role.USER));
		assertThat(session.token()).hasSize(64).isNotEqualTo(this.access.signIn("alice", "secret").token());
	}

	@Test
	void onlyTheHashOfThePasswordIsKept() {
		assertThat(this.users.findByLogin("alice").orElseThrow().passwordHash()).isEqualTo("terces");
	}

	@Test
	void aWrongPasswordOrUnknownUserIsRefusedAlike() {
		assertThatThrownBy(() -> this.access.signIn("alice", "nope")).hasMessage("Wrong login or password");
		assertThatThrownBy(() -> this.access.signIn("mallory", "secret")).hasMessage("Wrong login or password");
	}

	@Test
	void anExpiredSessionIsRefusedAndForgotten() {
		Session session = this.access.signIn("alice", "secret");
		this.clock.now = this.clock.now.plus(Duration.ofHours(1));
		assertThatThrownBy(() -> this.access.authenticate(session.token())).isInstanceOf(AuthenticationException.class)
			.hasMessageContaining("expired");
		assertThat(this.sessions.findByToken(session.token())).isEmpty();
	}

	@Test
	void aSignedOutSessionIsRefused() {
		Session session = this.access.signIn("alice", "secret");
		this.access.signOut(session.token());
		assertThatThrownBy(() -> this.access.authenticate(session.token())).isInstanceOf(AuthenticationException.class);
	}

	@Test
	void ensureUserChangesAPasswordThatConfigurationChanged() {
		this.access.ensureUser("alice", "new-secret", Role.ADMIN);
		assertThat(this.access.authenticate(this.access.signIn("alice", "new-secret").token()).role()).isEqualTo(Role.ADMIN);
	}

	@Test
	void fiveFailedSignInsLockTheLoginOutEvenForTheRightPassword() {
		failSignIns("alice", 5);
		assertThatThrownBy(() -> this.access.signIn("alice", "secret")).isInstanceOf(TooManyAttemptsException.class)
			.hasMessage("Too many failed sign-ins for this login: try again in 300 seconds");
	}

	@Test
	void fourFailedSignInsDoNotLockTheLoginOut() {
		failSignIns("alice", 4);
		assertThat(this.access.signIn("alice", "secret").login()).isEqualTo("alice");
	}

	@Test
	void theLockOutEndsWhenTheWindowHasPassed() {
		failSignIns("alice", 5);
		this.clock.now = this.clock.now.plus(Duration.ofMinutes(4));
		assertThatThrownBy(() -> this.access.signIn("alice", "secret")).isInstanceOf(TooManyAttemptsException.class)
			.hasMessageContaining("try again in 60 seconds");
		this.clock.now = this.clock.now.plus(Duration.ofMinutes(1));
		assertThat(this.access.signIn("alice", "secret").login()).isEqualTo("alice");
	}

	@Test
	void failuresSpreadOverMoreThanTheWindowDoNotLockTheLoginOut() {
		for (int i = 0; i < 10; i++) {
			failSignIns("alice", 1);
			this.clock.now = this.clock.now.plus(Duration.ofSeconds(61));
		}
		assertThat(this.access.signIn("alice", "secret").login()).isEqualTo("alice");
	}

	@Test
	void refusedAttemptsDoNotProlongTheLockOut() {
		failSignIns("alice", 5);
		for (int i = 0; i < 20; i++) {
			this.clock.now = this.clock.now.plus(Duration.ofSeconds(10));
			assertThatThrownBy(() -> this.access.signIn("alice", "nope")).isInstanceOf(TooManyAttemptsException.class);
		}
		this.clock.now = this.clock.now.plus(Duration.ofSeconds(100));
		assertThat(this.access.signIn("alice", "secret").login()).isEqualTo("alice");
	}

	@Test
	void aSuccessfulSignInClearsTheFailures() {
		failSignIns("alice", 4);
		this.access.signIn("alice", "secret");
		failSignIns("alice", 4);
		assertThat(this.access.signIn("alice", "secret").login()).isEqualTo("alice");
	}

	@Test
	void oneLockedOutLoginDoesNotLockOutAnother() {
		this.access.ensureUser("bob", "bobs", Role.USER);
		failSignIns("alice", 5);
		assertThat(this.access.signIn("bob", "bobs").login()).isEqualTo("bob");
	}

	@Test
	void unknownLoginsAreLockedOutAlikeSoTheAnswerSaysNothingAboutWhichExist() {
		failSignIns("mallory", 5);
		assertThatThrownBy(() -> this.access.signIn("mallory", "secret")).isInstanceOf(TooManyAttemptsException.class);
	}

	private void failSignIns(String login, int times) {
		for (int i = 0; i < times; i++) {
			assertThatThrownBy(() -> this.access.signIn(login, "wrong")).isInstanceOf(WrongCredentialsException.class);
		}
	}

	/** Stands in for BCrypt: what matters here is that the clear password is not what is stored. */
	static final class ReversingHasher implements PasswordHasher {

		@Override
		public String hash(CharSequence password) {
			return new StringBuilder(password).reverse().toString();
		}

		@Override
		public boolean matches(CharSequence password, String hash) {
			return hash(password).equals(hash);
		}

	}

	static final class InMemoryUsers implements UserRepository {

		private final Map<String, User> users = new HashMap<>();

		@Override
		public Optional<User> findByLogin(String login) {
			return Optional.ofNullable(this.users.get(login));
		}

		@Override
		public void save(User user) {
			this.users.put(user.login(), user);
		}

	}

	static final class InMemorySessions implements SessionRepository {

		private final Map<String, Session> sessions = new HashMap<>();

		@Override
		public void save(Session session) {
			this.sessions.put(session.token(), session);
		}

		@Override
		public Optional<Session> findByToken(String token) {
			return Optional.ofNullable(this.sessions.get(token));
		}

		@Override
		public void delete(String token) {
			this.sessions.remove(token);
		}

		@Override
		public int deleteExpired(Instant now) {
			int before = this.sessions.size();
			this.sessions.values().removeIf((session) -> session.isExpiredAt(now));
			return before - this.sessions.size();
		}

	}

	static final class MutableClock extends Clock {

		Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}

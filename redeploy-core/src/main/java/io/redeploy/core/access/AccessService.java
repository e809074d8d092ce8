package io.redeploy.core.access;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import io.redeploy.core.AuthenticationException;
import io.redeploy.core.InvalidInputException;

/** Signs users in and out and turns a session token into the {@link Caller} it stands for. */
public class AccessService {

	private static final SecureRandom RANDOM = new SecureRandom();

	/** Failed sign-ins of one login that lock it out for {@link #SIGN_IN_WINDOW}. */
	public static final int MAX_FAILED_SIGN_INS = 5;

	public static final Duration SIGN_IN_WINDOW = Duration.ofMinutes(5);

	private final UserRepository users;

	private final SessionRepository sessions;

	private final PasswordHasher hasher;

	private final Clock clock;

	private final Duration sessionLifetime;

	private final SignInThrottle throttle;

	public AccessService(UserRepository users, SessionRepository sessions, PasswordHasher hasher, Clock clock,
			Duration sessionLifetime) {
		this.users = users;
		this.sessions = sessions;
		this.hasher = hasher;
		this.clock = clock;
		this.sessionLifetime = sessionLifetime;
		this.throttle = new SignInThrottle(clock, MAX_FAILED_SIGN_INS, SIGN_IN_WINDOW);
	}

	/**
	 * Checks the password and opens a new session.
	 * @throws TooManyAttemptsException after {@link #MAX_FAILED_SIGN_INS} failures of the login within
	 * {@link #SIGN_IN_WINDOW}, even with the right password
	 */
	public Session signIn(String login, String password) {
		if (login == null || login.isBlank() || password == null || password.isEmpty()) {
			throw new InvalidInputException("login and password are required");
		}
		this.throttle.check(login);
		User user = this.users.findByLogin(login)
			.filter((candidate) -> this.hasher.matches(password, candidate.passwordHash()))
			.orElse(null);
		if (user == null) {
			this.throttle.failed(login);
			throw new WrongCredentialsException();
		}
		this.throttle.succeeded(login);
		Instant now = this.clock.instant();
		Session session = new Session(newToken(), user.login(), now, now.plus(this.sessionLifetime));
		this.sessions.save(session);
		return session;
	}

	/** Ends a session; an unknown one is an error so that a caller notices a typo. */
	public void signOut(String token) {
		authenticate(token);
		this.sessions.delete(token);
	}

	/** The caller a valid, unexpired session stands for. */
	public Caller authenticate(String token) {
		if (token == null || token.isBlank()) {
			throw new AuthenticationException("A session is required: sign in first");
		}
		Session session = this.sessions.findByToken(token)
			.orElseThrow(() -> new AuthenticationException("Unknown or signed-out session"));
		if (session.isExpiredAt(this.clock.instant())) {
			this.sessions.delete(token);
			throw new AuthenticationException("Session expired: sign in again");
		}
		User user = this.users.findByLogin(session.login())
			.orElseThrow(() -> new AuthenticationException("The session's user no longer exists"));
		return new Caller(user.login(), user.role());
	}

	/** Creates or updates a user, e.g. the administrator seeded from configuration. */
	public void ensureUser(String login, String password, Role role) {
		boolean current = this.users.findByLogin(login)
			.filter((user) -> user.role() == role && this.hasher.matches(password, user.passwordHash()))
			.isPresent();
		if (!current) {
			this.users.save(new User(login, this.hasher.hash(password), role));
		}
	}

	private static String newToken() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

}

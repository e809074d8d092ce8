package io.redeploy.core.access;

/** One-way password hashing (BCrypt in the service). */
public interface PasswordHasher {

	String hash(CharSequence password);

	boolean matches(CharSequence password, String hash);

}

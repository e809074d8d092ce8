package io.redeploy.app.access;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

import io.redeploy.core.access.PasswordHasher;

@Component
class BCryptPasswordHasher implements PasswordHasher {

	private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder();

	@Override
	public String hash(CharSequence password) {
		return this.encoder.encode(password);
	}

	@Override
	public boolean matches(CharSequence password, String hash) {
		return this.encoder.matches(password, hash);
	}

}

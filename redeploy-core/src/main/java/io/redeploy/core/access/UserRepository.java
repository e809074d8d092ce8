package io.redeploy.core.access;

import java.util.Optional;

/** Where users are kept. */
public interface UserRepository {

	Optional<User> findByLogin(String login);

	/** Creates the user, or replaces the password hash and role of an existing one. */
	void save(User user);

}

package io.redeploy.app.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import io.redeploy.app.config.RedeployProperties;
import io.redeploy.core.access.AccessService;
import io.redeploy.core.access.Role;

/**
 * Creates the operator account and any configured users at start. Without a configured admin
 * password, one is generated once and written (owner-readable only) to {@code <data-dir>/admin-password}.
 */
@Component
class AccountSeeder implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(AccountSeeder.class);

	private final AccessService access;

	private final RedeployProperties properties;

	AccountSeeder(AccessService access, RedeployProperties properties) {
		this.access = access;
		this.properties = properties;
	}

	@Override
	public void run(ApplicationArguments args) {
		RedeployProperties.Admin admin = this.properties.admin();
		String password = admin.password().isEmpty() ? generatedAdminPassword() : admin.password();
		this.access.ensureUser(admin.login(), password, Role.ADMIN);
		for (RedeployProperties.SeedUser user : this.properties.users()) {
			this.access.ensureUser(user.login(), user.password(), user.role());
		}
	}

	private String generatedAdminPassword() {
		Path file = this.properties.dataDir().resolve("admin-password");
		try {
			if (Files.exists(file)) {
				return Files.readString(file, StandardCharsets.UTF_8).trim();
			}
			byte[] random = new byte[18];
			new SecureRandom().nextBytes(random);
			String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
			Files.createDirectories(file.getParent());
			Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
			logger.info("Generated the password of '{}'; it is in {}", this.properties.admin().login(), file.toAbsolutePath());
			return password;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or write " + file, ex);
		}
	}

}

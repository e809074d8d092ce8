package io.redeploy.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The redeploy service: HTTP API over environments of Docker containers. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RedeployApplication {

	public static void main(String[] args) {
		SpringApplication.run(RedeployApplication.class, args);
	}

}

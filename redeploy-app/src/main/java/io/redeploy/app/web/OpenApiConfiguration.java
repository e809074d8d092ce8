package io.redeploy.app.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import io.swagger.v3.oas.models.media.StringSchema;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.redeploy.core.access.Caller;

/** The OpenAPI description served at {@code /v3/api-docs}: the caller comes from the {@code session} parameter. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static {
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
	}

	@Bean
	OpenAPI redeployOpenApi() {
		return new OpenAPI().info(new Info().title("redeploy")
			.description("Jelastic-style API: /1.0/<service>/<class>/rest/<method>, GET or POST, answers carry 'result' (0 = success) and 'error'. See docs/api.md.")
			.version("1.0"));
	}

	@Bean
	OperationCustomizer sessionParameter() {
		return (operation, handler) -> {
			boolean needsSession = java.util.Arrays.stream(handler.getMethodParameters())
				.anyMatch((parameter) -> Caller.class.equals(parameter.getParameterType()));
			if (needsSession) {
				operation.addParametersItem(new QueryParameter().name("session")
					.required(true)
					.description("the session from users/authentication/rest/signin (or an Authorization: Bearer header)")
					.schema(new StringSchema()));
			}
			return operation;
		};
	}

}

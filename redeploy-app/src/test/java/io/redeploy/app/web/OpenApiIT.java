package io.redeploy.app.web;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.redeploy.app.support.ServiceIT;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiIT extends ServiceIT {

	@Test
	void theOpenApiDescriptionListsTheMethodsWithTheirSessionParameter() throws Exception {
		var response = java.net.http.HttpClient.newHttpClient()
			.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port() + "/v3/api-docs")).build(),
					java.net.http.HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode paths = JsonMapper.builder().build().readTree(response.body()).get("paths");
		assertThat(paths.has("/1.0/environment/control/rest/createenvironment")).isTrue();
		assertThat(paths.has("/1.0/environment/file/rest/write")).isTrue();
		JsonNode parameters = paths.get("/1.0/environment/control/rest/getenvinfo").get("post").get("parameters");
		assertThat(parameters.valueStream().map((parameter) -> parameter.get("name").asString()))
			.contains("session", "envName")
			.doesNotContain("caller");
	}

}

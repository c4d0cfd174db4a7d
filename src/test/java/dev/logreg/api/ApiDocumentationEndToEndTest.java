package dev.logreg.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The OpenAPI document (and so Swagger UI) names the service, its build's version, what it does and its licence. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiDocumentationEndToEndTest {

    @LocalServerPort
    int port;

    @Autowired
    BuildProperties build;

    @Test
    void theDocumentHasTheServicesTitleVersionDescriptionAndLicence() {
        JsonNode info = new HttpTestClient(port).get("/v3/api-docs").json().get("info");

        assertThat(info.get("title").asString()).isEqualTo("Logistic regression service");
        assertThat(build.getVersion()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(info.get("version").asString()).isEqualTo(build.getVersion());
        assertThat(info.get("description").asString()).contains("logistic regression");
        assertThat(info.get("license").get("name").asString()).isEqualTo("Apache License 2.0");
        assertThat(info.get("license").get("url").asString()).isEqualTo("https://www.apache.org/licenses/LICENSE-2.0");
    }
}

package dev.logreg.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.SecurityFilterChain;

/**
 * With security off (the default), Spring Security is not in the way at all: no filter chain, no
 * generated user and password, none of Spring Security's headers, and every endpoint answers without a key.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecurityDisabledTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void noSecurityFilterUserOrHeaderAndNoKeyNeeded() {
        assertThat(context.containsBean("springSecurityFilterChain")).isFalse();
        assertThat(context.getBeanNamesForType(SecurityFilterChain.class)).isEmpty();
        assertThat(context.getBeanNamesForType(UserDetailsService.class)).isEmpty();

        HttpTestClient http = new HttpTestClient(port);
        HttpTestClient.Response created = http.post("/models", "application/json", ApiEndToEndTest.MTCARS);
        assertThat(created.status()).isEqualTo(201);
        // Spring Security's own headers are absent; the service's SecurityHeadersFilter sends its own.
        assertThat(created.headers().firstValue("X-XSS-Protection")).isEmpty();
        assertThat(created.headers().firstValue("Cache-Control")).isEmpty();
        assertThat(created.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        String id = created.json().get("id").asString();
        assertThat(http.get("/actuator/prometheus").status()).isEqualTo(200);
        // Health details need an authorised request, and without security none is.
        assertThat(http.get("/actuator/health")
                        .json()
                        .get("components")
                        .get("diskSpace")
                        .has("details"))
                .isFalse();
        assertThat(http.get("/").status()).isEqualTo(200);
        assertThat(http.delete("/models/" + id).status()).isEqualTo(204);
    }
}

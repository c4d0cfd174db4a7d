package dev.logreg.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Secure defaults for deployment (issue 22 item 7): docker-compose.yml publishes every port on the
 * host's loopback unless PUBLISH_ADDRESS says otherwise, and the service warns at start when API
 * keys are off and it listens beyond loopback.
 */
class SecureDefaultsTest {

    @Test
    void composePublishesEveryPortOnLoopbackUnlessToldOtherwise() throws IOException {
        Map<String, Object> compose;
        try (Reader file = Files.newBufferedReader(Path.of("docker-compose.yml"))) {
            compose = new Yaml(new SafeConstructor(new LoaderOptions())).load(file);
        }
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        List<String> published = new ArrayList<>();
        services.forEach((name, service) -> {
            Object ports = service.get("ports");
            if (ports != null) {
                for (Object port : (List<?>) ports) {
                    published.add(name + " " + port);
                }
            }
        });
        assertThat(published).as("the service and the replicas' proxy").hasSize(2);
        assertThat(published).allSatisfy(port -> assertThat(port).contains(" ${PUBLISH_ADDRESS:-127.0.0.1}:"));
    }

    @Test
    void warnsWhenKeysAreOffAndTheServiceListensBeyondLoopback() throws IOException {
        assertThat(ExposureWarning.warning(false, null, 8080))
                .contains("API keys are off")
                .contains("every network interface, port 8080")
                .contains("docs/security.md");
        assertThat(ExposureWarning.warning(false, InetAddress.getByName("0.0.0.0"), 8080))
                .contains("every network interface");
        assertThat(ExposureWarning.warning(false, InetAddress.getByName("192.0.2.7"), 9000))
                .contains("listens on 192.0.2.7, port 9000");
    }

    @Test
    void staysQuietWithKeysOnOrOnLoopbackOnly() throws IOException {
        assertThat(ExposureWarning.warning(true, null, 8080)).isNull();
        assertThat(ExposureWarning.warning(false, InetAddress.getByName("127.0.0.1"), 8080))
                .isNull();
        assertThat(ExposureWarning.warning(false, InetAddress.getByName("::1"), 8080))
                .isNull();
    }
}

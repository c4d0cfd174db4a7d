package dev.logreg.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * One property turns the console log into JSON (Boot's structured logging, through Logback as the
 * service is set up): its own lines and Spring's, up to "Started", are ECS documents
 * naming the service.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(properties = "logging.structured.format.console=ecs")
class StructuredLoggingEndToEndTest {

    @Test
    void theConsoleLogIsEcsJson(CapturedOutput output) {
        List<JsonNode> lines = output.getOut()
                .lines()
                .filter(line -> line.startsWith("{"))
                .map(HttpTestClient.JSON::readTree)
                .toList();

        JsonNode fits = lines.stream()
                .filter(line -> line.path("message").asString().startsWith("Fits use "))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no JSON line from TrainingConfiguration in:\n" + output));
        assertThat(fits.get("@timestamp").asString()).isNotBlank();
        assertThat(fits.get("log").get("level").asString()).isEqualTo("INFO");
        assertThat(fits.get("log").get("logger").asString()).isEqualTo("dev.logreg.training.TrainingConfiguration");
        assertThat(fits.get("service").get("name").asString()).isEqualTo("logreg-service");
        assertThat(fits.get("ecs").get("version").asString()).isNotBlank();
        assertThat(lines)
                .anySatisfy(line -> assertThat(line.path("message").asString()).startsWith("Started "));
    }
}

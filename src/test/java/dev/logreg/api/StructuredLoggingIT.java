package dev.logreg.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * One property turns the console log into JSON (Boot's structured logging, through Logback as the service
 * is set up): its own lines and Spring's, up to "Started", are ECS documents naming the service. The packaged
 * jar runs as its own process, as a deployment sets the property: within a test JVM whose logging an earlier
 * context already set up, Boot 4.0.9 keeps the first context's format.
 */
class StructuredLoggingIT {

    @Test
    void theConsoleLogIsEcsJson(@TempDir Path work) throws IOException {
        Path log = work.resolve("service.log");
        try (ServiceProcess service = ServiceProcess.start(log, "--logging.structured.format.console=ecs")) {
            List<JsonNode> lines = Files.readAllLines(log).stream()
                    .filter(line -> line.startsWith("{"))
                    .map(HttpTestClient.JSON::readTree)
                    .toList();

            JsonNode fits = lines.stream()
                    .filter(line -> line.path("message").asString().startsWith("Fits use "))
                    .findFirst()
                    .orElseThrow(() ->
                            new AssertionError("no JSON line from TrainingConfiguration in:\n" + service.logTail()));
            assertThat(fits.get("@timestamp").asString()).isNotBlank();
            assertThat(fits.get("log").get("level").asString()).isEqualTo("INFO");
            assertThat(fits.get("log").get("logger").asString()).isEqualTo("dev.logreg.training.TrainingConfiguration");
            assertThat(fits.get("service").get("name").asString()).isEqualTo("logreg-service");
            assertThat(fits.get("ecs").get("version").asString()).isNotBlank();
            assertThat(lines)
                    .anySatisfy(
                            line -> assertThat(line.path("message").asString()).startsWith("Started "));
        }
    }
}

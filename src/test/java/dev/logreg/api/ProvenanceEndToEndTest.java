package dev.logreg.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logreg.math.FitKernel;
import java.io.IOException;
import java.nio.file.Path;
import org.ejml.EjmlVersion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Provenance over real HTTP: the same data sent as JSON and as CSV hash alike and fit to the same
 * bits, and a refit from a model's provenance (its options) and the data gives that model again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProvenanceEndToEndTest {

    /** Grouped data: proportions as labels, trial counts as weights, 11 features. */
    static final Path ESOPH = Path.of("src/test/resources/prediction-reference/esoph-grouped.json");

    @LocalServerPort
    int port;

    HttpTestClient http;

    @BeforeEach
    void connect() {
        http = new HttpTestClient(port);
    }

    @ParameterizedTest
    @ValueSource(strings = {"newton", "sgd"})
    void jsonCsvAndARefitFromProvenanceGiveTheSameBits(String solver) throws IOException {
        ObjectNode request =
                (ObjectNode) HttpTestClient.JSON.readTree(ESOPH.toFile()).get("request");
        ((ObjectNode) request.get("options")).put("solver", solver).put("seed", 7);
        JsonNode fromJson = train("application/json", "/models", request.toString());

        JsonNode names = request.get("featureNames");
        StringBuilder csv = new StringBuilder();
        names.forEach(name -> csv.append(name.asString()).append(','));
        csv.append("share,trials\n");
        for (int i = 0; i < request.get("labels").size(); i++) {
            for (JsonNode value : request.get("features").get(i)) {
                csv.append(value.asDouble()).append(',');
            }
            csv.append(request.get("labels").get(i).asDouble())
                    .append(',')
                    .append(request.get("weights").get(i).asDouble())
                    .append('\n');
        }
        JsonNode fromCsv =
                train("text/csv", "/models?label=share&weight=trials&seed=7&solver=" + solver, csv.toString());

        JsonNode provenance = fromJson.get("provenance");
        assertThat(provenance.get("datasetSha256").asString()).matches("[0-9a-f]{64}");
        assertThat(fromCsv.get("provenance").get("datasetSha256")).isEqualTo(provenance.get("datasetSha256"));
        assertSameBits(fromCsv, fromJson);

        ObjectNode refit = request.deepCopy();
        refit.set("options", provenance.get("options"));
        JsonNode again = train("application/json", "/models", refit.toString());
        assertThat(again.get("provenance").get("datasetSha256")).isEqualTo(provenance.get("datasetSha256"));
        assertThat(again.get("provenance").get("options")).isEqualTo(provenance.get("options"));
        assertSameBits(again, fromJson);
    }

    @Test
    void recordsTheDataTheSoftwareTheOptionsAndTheTimings() throws IOException {
        JsonNode request = HttpTestClient.JSON.readTree(ESOPH.toFile()).get("request");
        JsonNode model = train("application/json", "/models", request.toString());
        JsonNode provenance = model.get("provenance");
        assertThat(provenance.get("canonicalForm").asString()).isEqualTo("logreg-dataset-v1");
        assertThat(provenance.get("source").isNull()).isTrue();
        assertThat(provenance.get("numSamples").asInt()).isEqualTo(88);
        assertThat(provenance.get("numFeatures").asInt()).isEqualTo(11);
        double totalWeight = 0;
        for (JsonNode weight : request.get("weights")) {
            totalWeight += weight.asDouble();
        }
        assertThat(provenance.get("totalWeight").asDouble()).isEqualTo(totalWeight);
        assertThat(provenance.get("serviceVersion").asString()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(provenance.get("javaVersion").asString())
                .startsWith(Runtime.version().toString());
        assertThat(provenance.get("ejmlVersion").asString()).isEqualTo(EjmlVersion.VERSION);
        assertThat(provenance.get("fitParallelism").asInt()).isPositive();
        // Surefire's argLine adds the Vector API module, as the Dockerfile and spring-boot:run do: the kernel, or
        // beside OpenBLAS's where the system has it (CI) the margins' kernel.
        assertThat(provenance.get("gramKernel").asString())
                .isEqualTo(FitKernel.description())
                .contains("Vector API");
        assertThat(provenance.get("options")).isEqualTo(model.get("options"));
        assertThat(provenance.get("options").get("tolerance").asDouble()).isEqualTo(1e-8);
        JsonNode timings = provenance.get("timings");
        double parts = 0;
        for (String step : new String[] {"parseMillis", "hashMillis", "fitMillis", "statisticsMillis"}) {
            assertThat(timings.get(step).asDouble()).as(step).isPositive();
            parts += timings.get(step).asDouble();
        }
        assertThat(timings.get("totalMillis").asDouble()).isGreaterThanOrEqualTo(parts);
        assertThat(http.get("/models/" + model.get("id").asString()).json().get("provenance"))
                .isEqualTo(provenance);
    }

    private JsonNode train(String contentType, String path, String body) {
        HttpTestClient.Response response = http.post(path, contentType, body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private static void assertSameBits(JsonNode actual, JsonNode expected) {
        assertThat(Double.doubleToRawLongBits(actual.get("intercept").asDouble()))
                .isEqualTo(Double.doubleToRawLongBits(expected.get("intercept").asDouble()));
        for (int j = 0; j < expected.get("coefficients").size(); j++) {
            assertThat(Double.doubleToRawLongBits(
                            actual.get("coefficients").get(j).asDouble()))
                    .as("coefficient " + j)
                    .isEqualTo(Double.doubleToRawLongBits(
                            expected.get("coefficients").get(j).asDouble()));
        }
        assertThat(actual.get("statistics").get("covariance"))
                .isEqualTo(expected.get("statistics").get("covariance"));
    }
}

package dev.logreg.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The Open Inference Protocol (V2) over real HTTP, as a KServe or Triton client calls it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InferenceProtocolEndToEndTest {

    @LocalServerPort
    int port;

    HttpTestClient http;

    @BeforeEach
    void connect() {
        http = new HttpTestClient(port);
    }

    @Test
    void healthMetadataAndReadiness() {
        String id = train();
        assertThat(http.get("/v2/health/live").json().get("live").asBoolean()).isTrue();
        HttpTestClient.Response ready = http.get("/v2/health/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("ready").asBoolean()).isTrue();
        JsonNode server = http.get("/v2").json();
        assertThat(server.get("name").asString()).isEqualTo("logreg-service");
        assertThat(server.get("extensions").isArray()).isTrue();

        JsonNode metadata = http.get("/v2/models/" + id).json();
        assertThat(metadata.get("name").asString()).isEqualTo(id);
        assertThat(metadata.get("inputs").get(0).get("name").asString()).isEqualTo("features");
        assertThat(metadata.get("inputs").get(0).get("datatype").asString()).isEqualTo("FP64");
        assertThat(metadata.get("inputs").get(0).get("shape").toString()).isEqualTo("[-1,2]");
        assertThat(metadata.get("outputs").findValuesAsString("name"))
                .containsExactly("probabilities", "labels", "logits");
        JsonNode modelReady = http.get("/v2/models/" + id + "/ready").json();
        assertThat(modelReady.get("name").asString()).isEqualTo(id);
        assertThat(modelReady.get("ready").asBoolean()).isTrue();
    }

    @Test
    void inferAnswersAsBatchPredictionDoesFlatOrNested() {
        String id = train();
        JsonNode batch = http.post(
                        "/models/" + id + "/predict",
                        "application/json",
                        "{\"features\": [[110, 2.62], [335, 3.57], [52, 1.615]], \"threshold\": 0.3}")
                .json();
        for (String data :
                new String[] {"[110, 2.62, 335, 3.57, 52, 1.615]", "[[110, 2.62], [335, 3.57], [52, 1.615]]"}) {
            HttpTestClient.Response response = http.post(
                    "/v2/models/" + id + "/infer",
                    "application/json",
                    "{\"id\": \"req-7\", \"parameters\": {\"threshold\": 0.3}, \"inputs\": [{\"name\": \"features\","
                            + " \"shape\": [3, 2], \"datatype\": \"FP64\", \"data\": " + data + "}]}");
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            JsonNode answer = response.json();
            assertThat(answer.get("model_name").asString()).isEqualTo(id);
            assertThat(answer.get("id").asString()).isEqualTo("req-7");
            JsonNode outputs = answer.get("outputs");
            assertThat(outputs.findValuesAsString("name")).containsExactly("probabilities", "labels", "logits");
            assertThat(outputs.get(0).get("shape").toString()).isEqualTo("[3]");
            assertThat(outputs.get(0).get("datatype").asString()).isEqualTo("FP64");
            assertThat(outputs.get(1).get("datatype").asString()).isEqualTo("INT64");
            assertThat(outputs.get(0).get("data")).isEqualTo(batch.get("probabilities"));
            assertThat(outputs.get(1).get("data")).isEqualTo(batch.get("labels"));
            assertThat(outputs.get(2).get("data")).isEqualTo(batch.get("logits"));
        }
        JsonNode onlyLogits = http.post(
                        "/v2/models/" + id + "/infer",
                        "application/json",
                        "{\"inputs\": [{\"name\": \"features\", \"shape\": [1,"
                                + " 2], \"datatype\": \"FP32\", \"data\": [110, 2.62]}],"
                                + " \"outputs\": [{\"name\": \"logits\"}]}")
                .json();
        assertThat(onlyLogits.has("id")).isFalse();
        assertThat(onlyLogits.get("outputs").size()).isEqualTo(1);
        assertThat(onlyLogits.get("outputs").get(0).get("data").get(0))
                .isEqualTo(batch.get("logits").get(0));
    }

    @Test
    void errorsAreTheProtocolsErrorObjects() {
        String id = train();
        assertError(http.get("/v2/models/no-such-model"), 404, "no-such-model");
        assertError(http.get("/v2/models/no-such-model/ready"), 404, "no-such-model");
        assertError(
                http.post("/v2/models/no-such-model/infer", "application/json", "{\"inputs\": []}"),
                404,
                "no-such-model");
        assertError(
                http.post(
                        "/v2/models/" + id + "/infer",
                        "application/json",
                        "{\"inputs\": [{\"name\": \"features\", \"shape\": [2, 3], \"datatype\": \"FP64\","
                                + " \"data\": [1, 2, 3, 4, 5, 6]}]}"),
                400,
                "inputs[0].shape");
        assertError(http.post("/v2/models/" + id + "/infer", "application/json", "{\"inputs\": [{\"name\": "), 400, "");
        assertError(http.get("/v2/nothing-here"), 404, "");
        // Elsewhere the service's problem documents stay.
        ApiEndToEndTest.assertProblem(http.get("/models/no-such-model"), 404, "urn:logreg:problem:model-not-found");
    }

    private String train() {
        HttpTestClient.Response created = http.post("/models", "application/json", ApiEndToEndTest.MTCARS);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    private static void assertError(HttpTestClient.Response response, int status, String mentions) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/json");
        JsonNode body = response.json();
        assertThat(body.propertyNames()).containsExactly("error");
        assertThat(body.get("error").asString()).contains(mentions);
    }
}

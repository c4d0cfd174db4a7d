package dev.logreg.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tables and formulas over real HTTP, against R (the fixtures of {@code src/test/resources/design}):
 * training on columns and on records, the stored design, predictions from raw values (POST with
 * data or records, GET with one parameter per column) equal to R's {@code predict(se.fit = TRUE)},
 * null predictions for missing values, and bad input refused with the field named and nothing stored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FormulaEndToEndTest {

    private static final Path TITANIC = Path.of("src/test/resources/design/titanic.json");
    private static final Path AIRQUALITY = Path.of("src/test/resources/design/airquality.json");
    private static final Path INSURANCE = Path.of("src/test/resources/design/insurance.json");

    @LocalServerPort
    int port;

    HttpTestClient http;

    @BeforeEach
    void connect() {
        http = new HttpTestClient(port);
    }

    private static ObjectNode request(JsonNode table, JsonNode formulaCase) {
        ObjectNode request = HttpTestClient.JSON.createObjectNode();
        request.put("name", "titanic");
        request.put("formula", formulaCase.get("formula").asString());
        request.set("data", table.get("data"));
        if (formulaCase.has("weights")) {
            request.set("weights", formulaCase.get("weights"));
        }
        if (formulaCase.has("factors")) {
            request.set("factors", formulaCase.get("factors"));
        }
        return request;
    }

    @Test
    void trainsOnColumnsAndRecordsAndPredictsRawValuesAsR() throws IOException {
        JsonNode table = HttpTestClient.JSON.readTree(TITANIC.toFile());
        JsonNode formulaCase = table.get("cases").get(0);
        JsonNode expected = formulaCase.get("expected");
        HttpTestClient.Response created = http.post(
                "/models", "application/json", request(table, formulaCase).toString());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode model = created.json();
        JsonNode columns = expected.get("columns");
        assertThat(model.get("design").get("columns")).isEqualTo(columns);
        assertThat(model.get("featureNames").size()).isEqualTo(columns.size() - 1);
        assertThat(model.get("featureNames").get(0)).isEqualTo(columns.get(1));
        assertThat(model.get("design").get("formula").asString()).isEqualTo("Survived ~ Class * Sex + Age");
        assertThat(model.get("design")
                        .get("factors")
                        .get("Class")
                        .get("reference")
                        .asString())
                .isEqualTo("1st");
        assertThat(model.get("design").get("naAction").asString()).isEqualTo("omit");
        assertClose(
                model.get("intercept").asDouble(),
                expected.get("estimates").get(0).asDouble());
        for (int j = 1; j < columns.size(); j++) {
            assertClose(
                    model.get("coefficients").get(j - 1).asDouble(),
                    expected.get("estimates").get(j).asDouble());
        }
        String id = model.get("id").asString();
        assertThat(http.get("/models/" + id).json().get("design")).isEqualTo(model.get("design"));

        // the same table as records
        ObjectNode records = request(table, formulaCase);
        ArrayNode rows = HttpTestClient.JSON.createArrayNode();
        JsonNode data = table.get("data");
        for (int i = 0; i < data.get("Class").size(); i++) {
            ObjectNode record = rows.addObject();
            for (String column : data.propertyNames()) {
                record.set(column, data.get(column).get(i));
            }
        }
        records.set("data", rows);
        JsonNode fromRecords =
                http.post("/models", "application/json", records.toString()).json();
        assertThat(fromRecords.get("coefficients")).isEqualTo(model.get("coefficients"));

        // predictions from raw values: R's rows, as columns
        JsonNode predict = expected.get("predict");
        ObjectNode newdata = HttpTestClient.JSON.createObjectNode();
        for (String column : new String[] {"Class", "Sex", "Age"}) {
            ArrayNode cells = newdata.putArray(column);
            predict.get("rows").forEach(row -> cells.add(data.get(column).get(row.asInt())));
        }
        ObjectNode body = HttpTestClient.JSON.createObjectNode();
        body.set("data", newdata);
        body.put("interval", 0.95);
        HttpTestClient.Response predicted =
                http.post("/models/" + id + "/predict", "application/json", body.toString());
        assertThat(predicted.status()).as(predicted.body()).isEqualTo(200);
        for (int i = 0; i < predict.get("rows").size(); i++) {
            assertClose(
                    predicted.json().get("logits").get(i).asDouble(),
                    predict.get("logit").get(i).asDouble());
            assertClose(
                    predicted.json().get("standardErrors").get(i).asDouble(),
                    predict.get("standardError").get(i).asDouble());
        }
        int first = predict.get("rows").get(0).asInt();
        JsonNode one = http.get("/models/" + id + "/predict?Class="
                        + data.get("Class").get(first).asString()
                        + "&Sex=" + data.get("Sex").get(first).asString() + "&Age="
                        + data.get("Age").get(first).asString())
                .json();
        assertClose(one.get("logit").asDouble(), predict.get("logit").get(0).asDouble());

        // the Open Inference Protocol: one BYTES input per column
        JsonNode metadata = http.get("/v2/models/" + id).json();
        assertThat(metadata.get("inputs").toString())
                .isEqualTo("[{\"name\":\"Class\",\"datatype\":\"BYTES\",\"shape\":[-1]},"
                        + "{\"name\":\"Sex\",\"datatype\":\"BYTES\",\"shape\":[-1]},"
                        + "{\"name\":\"Age\",\"datatype\":\"BYTES\",\"shape\":[-1]}]");
        ObjectNode infer = HttpTestClient.JSON.createObjectNode();
        ArrayNode inputs = infer.putArray("inputs");
        for (String column : new String[] {"Age", "Class", "Sex"}) {
            ObjectNode input = inputs.addObject().put("name", column).put("datatype", "BYTES");
            input.putArray("shape").add(newdata.get(column).size());
            input.set("data", newdata.get(column));
        }
        HttpTestClient.Response inferred =
                http.post("/v2/models/" + id + "/infer", "application/json", infer.toString());
        assertThat(inferred.status()).as(inferred.body()).isEqualTo(200);
        JsonNode logits = inferred.json().get("outputs").get(2).get("data");
        for (int i = 0; i < predict.get("rows").size(); i++) {
            assertClose(logits.get(i).asDouble(), predict.get("logit").get(i).asDouble());
        }

        // a level the model never saw
        newdata.withArray("Class").set(1, "4th");
        body.remove("interval");
        HttpTestClient.Response unseen = http.post("/models/" + id + "/predict", "application/json", body.toString());
        assertThat(unseen.status()).isEqualTo(400);
        JsonNode error = unseen.json().get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("data.Class[1]");
        assertThat(error.get("message").asString()).contains("'4th'");
        HttpTestClient.Response unseenQuery = http.get("/models/" + id + "/predict?Class=4th&Sex=Male&Age=Adult");
        assertThat(unseenQuery.status()).isEqualTo(400);
        assertThat(unseenQuery.json().get("errors").get(0).get("field").asString())
                .isEqualTo("Class");
    }

    @Test
    void missingValuesAreOmittedInTrainingAndGetNullPredictions() throws IOException {
        JsonNode table = HttpTestClient.JSON.readTree(AIRQUALITY.toFile());
        JsonNode formulaCase = table.get("cases").get(0);
        JsonNode model = http.post(
                        "/models",
                        "application/json",
                        request(table, formulaCase).toString())
                .json();
        assertThat(model.get("design").get("rowsOmitted").asLong()).isEqualTo(42);
        assertThat(model.get("training").get("warnings").toString()).contains("ROWS_WITH_MISSING");
        ObjectNode body = HttpTestClient.JSON.createObjectNode();
        ArrayNode records = body.putArray("records");
        records.addObject().put("Solar.R", 190).put("Wind", 7.4).put("Month", 5);
        records.addObject().putNull("Solar.R").put("Wind", 14.3).put("Month", 5);
        JsonNode predicted = http.post(
                        "/models/" + model.get("id").asString() + "/predict", "application/json", body.toString())
                .json();
        assertClose(
                predicted.get("logits").get(0).asDouble(),
                formulaCase.get("expected").get("predict").get("logit").get(0).asDouble());
        assertThat(predicted.get("probabilities").get(1).isNull()).isTrue();
        assertThat(predicted.get("labels").get(1).isNull()).isTrue();
        assertThat(predicted.get("logits").get(1).isNull()).isTrue();
    }

    @Test
    void fitsTheOffsetAsGlmAndPredictsWithIt() throws IOException {
        JsonNode table = HttpTestClient.JSON.readTree(INSURANCE.toFile());
        JsonNode formulaCase = table.get("cases").get(0);
        JsonNode expected = formulaCase.get("expected");
        assertThat(formulaCase.get("formula").asString()).contains("offset(log(Holders))");
        HttpTestClient.Response created = http.post(
                "/models", "application/json", request(table, formulaCase).toString());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode model = created.json();
        assertClose(
                model.get("intercept").asDouble(),
                expected.get("estimates").get(0).asDouble());
        for (int j = 1; j < expected.get("estimates").size(); j++) {
            assertClose(
                    model.get("coefficients").get(j - 1).asDouble(),
                    expected.get("estimates").get(j).asDouble());
        }
        JsonNode statistics = model.get("statistics");
        assertClose(
                statistics.get("deviance").asDouble(), expected.get("deviance").asDouble());
        assertClose(
                statistics.get("nullDeviance").asDouble(),
                expected.get("nullDeviance").asDouble());

        JsonNode predict = expected.get("predict");
        JsonNode data = table.get("data");
        ObjectNode newdata = HttpTestClient.JSON.createObjectNode();
        for (String column : new String[] {"District", "Group", "Age", "Holders"}) {
            ArrayNode cells = newdata.putArray(column);
            predict.get("rows").forEach(row -> cells.add(data.get(column).get(row.asInt())));
        }
        ObjectNode body = HttpTestClient.JSON.createObjectNode();
        body.set("data", newdata);
        HttpTestClient.Response predicted =
                http.post("/models/" + model.get("id").asString() + "/predict", "application/json", body.toString());
        assertThat(predicted.status()).as(predicted.body()).isEqualTo(200);
        for (int i = 0; i < predict.get("rows").size(); i++) {
            assertClose(
                    predicted.json().get("logits").get(i).asDouble(),
                    predict.get("logit").get(i).asDouble());
        }

        ObjectNode elasticNet = request(table, formulaCase);
        elasticNet.set("options", HttpTestClient.JSON.readTree("{\"elasticNet\": {\"alpha\": 1, \"lambda\": 0.01}}"));
        assertRefused(elasticNet, "formula", "offset is not supported with elasticNet");
        String formula = java.net.URLEncoder.encode(
                formulaCase.get("formula").asString(), java.nio.charset.StandardCharsets.UTF_8);
        HttpTestClient.Response csvElasticNet = http.post(
                "/models?elasticNet.alpha=1&elasticNet.lambda=0.01&formula=" + formula, "text/csv", csv(data));
        assertThat(csvElasticNet.status()).as(csvElasticNet.body()).isEqualTo(400);
        assertThat(csvElasticNet.json().get("errors").get(0).get("field").asString())
                .isEqualTo("formula");
    }

    @Test
    void badTablesAreRefusedNamingTheFieldAndStoreNothing() throws IOException {
        JsonNode table = HttpTestClient.JSON.readTree(TITANIC.toFile());
        ObjectNode request = request(table, table.get("cases").get(0));
        long before = http.get("/models?size=1").json().get("totalElements").asLong();
        assertRefused(request.deepCopy().put("formula", "Survived ~ Class + Agee"), "formula", "at position 19");
        assertRefused(request.deepCopy().put("formula", "Survived ~ (Class + Age"), "formula", "expected ')'");
        assertRefused(request.deepCopy().put("formula", "Freq ~ Class"), "data.Freq[2]", "[0, 1]");
        assertRefused(request.deepCopy().put("formula", "Survived ~ log(Class)"), "data.Class[0]", "holds text");
        assertRefused(request.deepCopy().put("naAction", "drop"), "naAction", "omit or fail");
        ObjectNode oneLevel = request.deepCopy();
        oneLevel.put("formula", "Survived ~ Class + Only");
        ArrayNode only = ((ObjectNode) oneLevel.get("data")).putArray("Only");
        table.get("data").get("Class").forEach(cell -> only.add("same"));
        assertRefused(oneLevel, "data.Only", "one level");
        assertThat(http.get("/models?size=1").json().get("totalElements").asLong())
                .isEqualTo(before);
    }

    @Test
    void csvTablesFitAsTheirJson() throws IOException {
        JsonNode titanic = HttpTestClient.JSON.readTree(TITANIC.toFile());
        JsonNode formulaCase = titanic.get("cases").get(1);
        JsonNode fromJson = http.post(
                        "/models",
                        "application/json",
                        request(titanic, formulaCase).toString())
                .json();
        HttpTestClient.Response fromCsv = http.post(
                "/models?weight=Freq&formula="
                        + java.net.URLEncoder.encode(
                                formulaCase.get("formula").asString(), java.nio.charset.StandardCharsets.UTF_8),
                "text/csv",
                csv(titanic.get("data")));
        assertThat(fromCsv.status()).as(fromCsv.body()).isEqualTo(201);
        assertThat(fromCsv.json().get("coefficients")).isEqualTo(fromJson.get("coefficients"));
        assertThat(fromCsv.json().get("design").get("columns"))
                .isEqualTo(fromJson.get("design").get("columns"));

        JsonNode air = HttpTestClient.JSON.readTree(AIRQUALITY.toFile());
        JsonNode airCase = air.get("cases").get(1);
        String formula =
                java.net.URLEncoder.encode(airCase.get("formula").asString(), java.nio.charset.StandardCharsets.UTF_8);
        HttpTestClient.Response airModel = http.post("/models?formula=" + formula, "text/csv", csv(air.get("data")));
        assertThat(airModel.status()).as(airModel.body()).isEqualTo(201);
        JsonNode model = airModel.json();
        assertThat(model.get("design").get("rowsOmitted").asLong()).isEqualTo(42);
        JsonNode estimates = airCase.get("expected").get("estimates");
        assertClose(model.get("intercept").asDouble(), estimates.get(0).asDouble());
        for (int j = 1; j < estimates.size(); j++) {
            assertClose(
                    model.get("coefficients").get(j - 1).asDouble(),
                    estimates.get(j).asDouble());
        }
        HttpTestClient.Response failing =
                http.post("/models?naAction=fail&formula=" + formula, "text/csv", csv(air.get("data")));
        assertThat(failing.status()).isEqualTo(400);
        assertThat(failing.json().get("errors").get(0).get("field").asString()).isEqualTo("line 6, column 'high'");
    }

    /** The table as CSV: a header, missing cells empty, booleans as R writes them. */
    private static String csv(JsonNode data) {
        StringBuilder csv = new StringBuilder(String.join(",", data.propertyNames())).append('\n');
        int rows = data.get(data.propertyNames().iterator().next()).size();
        for (int i = 0; i < rows; i++) {
            StringBuilder line = new StringBuilder();
            boolean first = true;
            for (String column : data.propertyNames()) {
                JsonNode cell = data.get(column).get(i);
                if (!first) {
                    line.append(',');
                }
                first = false;
                if (cell.isBoolean()) {
                    line.append(cell.asBoolean() ? "TRUE" : "FALSE");
                } else if (!cell.isNull()) {
                    line.append(cell.isNumber() ? cell.asString() : '"' + cell.asString() + '"');
                }
            }
            csv.append(line).append('\n');
        }
        return csv.toString();
    }

    private void assertRefused(ObjectNode request, String field, String message) {
        HttpTestClient.Response response = http.post("/models", "application/json", request.toString());
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode error = response.json().get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo(field);
        assertThat(error.get("message").asString()).contains(message);
    }

    private static void assertClose(double actual, double expected) {
        assertThat(Math.abs(actual - expected)).isLessThanOrEqualTo(1e-6 * Math.max(1, Math.abs(expected)));
    }
}

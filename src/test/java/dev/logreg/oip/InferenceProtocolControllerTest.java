package dev.logreg.oip;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.logreg.model.ModelStore;
import dev.logreg.model.StoreSliceBeans;
import dev.logreg.model.TestModels;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(InferenceProtocolController.class)
@Import({StoreSliceBeans.class, ApplicationAvailabilityBean.class})
class InferenceProtocolControllerTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    ModelStore store;

    @BeforeEach
    void storeExample() {
        store.put(TestModels.example("m1"));
    }

    private static String request(String name, String shape, String datatype, String data) {
        return "{\"inputs\": [{\"name\": \"" + name + "\", \"shape\": " + shape + ", \"datatype\": \"" + datatype
                + "\", \"data\": " + data + "}]}";
    }

    @Test
    void infersWithTheLabelThresholdAndOnlyTheOutputsAskedFor() throws Exception {
        // u = 1 + 2 hp - 3 wt: 0 at (1, 1), 3 at (1, 0)
        mvc.perform(post("/v2/models/m1/infer")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"parameters\": {\"threshold\": 0.6}, \"outputs\": [{\"name\": \"labels\"},"
                                + " {\"name\": \"logits\"}], \"inputs\": [{\"name\": \"features\", \"shape\": [2, 2],"
                                + " \"datatype\": \"INT64\", \"data\": [[1, 1], [1, 0]]}]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.model_name").value("m1"))
                .andExpect(jsonPath("$.id").doesNotExist())
                .andExpect(jsonPath("$.outputs.length()").value(2))
                .andExpect(jsonPath("$.outputs[0].name").value("labels"))
                .andExpect(jsonPath("$.outputs[0].data[0]").value(0))
                .andExpect(jsonPath("$.outputs[0].data[1]").value(1))
                .andExpect(jsonPath("$.outputs[1].name").value("logits"))
                .andExpect(jsonPath("$.outputs[1].data[1]").value(3.0));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "wrong input name     | x        | [1, 2] | FP64  | [1, 1]            | inputs[0].name",
                "string datatype      | features | [1, 2] | BYTES | [1, 1]            | inputs[0].datatype",
                "one-dimensional      | features | [2]    | FP64  | [1, 1]            | inputs[0].shape",
                "wrong width          | features | [1, 3] | FP64  | [1, 1, 1]         | inputs[0].shape",
                "no rows              | features | [0, 2] | FP64  | []                | inputs[0].shape",
                "too few values       | features | [2, 2] | FP64  | [1, 1, 1]         | got 3",
                "too many values      | features | [1, 2] | FP64  | [[1, 1], [1, 1]]  | got 4",
                "a huge shape         | features | [100000000, 2] | FP64 | [1, 1]     | expected 200000000 numbers",
                "a string among them  | features | [1, 2] | FP64  | [1, \"a\"]        | finite numbers",
                "null among them      | features | [1, 2] | FP64  | [1, null]         | finite numbers",
                "overflowing logit    | features | [1, 2] | FP64  | [1e308, -1e308]   | overflows",
                "ragged, re-cut       | features | [2, 2] | FP64  | [[1, 2, 3], [4]]  | row 0 is not an array of 2",
                "ragged, short row    | features | [2, 2] | FP64  | [[1, 2], [3], 4]  | expected 2 rows, got 3",
                "nested too deep      | features | [1, 2] | FP64  | [[[1, 2]]]        | row 0 is not an array of 2",
                "half nested          | features | [2, 2] | FP64  | [1, 2, [3, 4]]    | expected 2 rows, got 3",
                "fractional shape     | features | [1.5, 2] | FP64 | [1, 2]           | got [1.5,2]",
                "a float dimension    | features | [1, 2.0] | FP64 | [1, 2]           | inputs[0].shape",
                "a string dimension   | features | [1, \"2\"] | FP64 | [1, 2]         | inputs[0].shape",
                "no shape             | features | null   | FP64  | [1, 2]            | got null",
                "data not an array    | features | [1, 2] | FP64  | 5                 | an array of N x 2"
            })
    void aBadInputIsTheProtocolsError(
            String what, String name, String shape, String datatype, String data, String mentions) throws Exception {
        mvc.perform(post("/v2/models/m1/infer")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(request(name, shape, datatype, data)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.error").value(Matchers.containsString(mentions)))
                .andExpect(jsonPath("$.type").doesNotExist());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "no inputs        | {\"inputs\": []}                "
                        + "                          "
                        + "             "
                        + "     | inputs",
                "bad threshold    | {\"parameters\": {\"threshold\": 2}, \"inputs\": [{\"name\": \"features\","
                        + " \"shape\": [1, 2], \"datatype\": \"FP64\", \"data\": [1, 1]}]} | parameters.threshold",
                "odd output       | {\"outputs\": [{\"name\": \"odds\"}], \"inputs\": [{\"name\": \"features\","
                        + " \"shape\": [1, 2], \"datatype\": \"FP64\", \"data\": [1, 1]}]} | outputs[0].name",
                "not json         | {\"inputs\": [                                                              | JSON",
                "a null input     | {\"inputs\": [null]}                            | inputs[0]",
                "an empty output  | {\"outputs\": [{}], \"inputs\": [{\"name\": \"features\","
                        + " \"shape\": [1, 2], \"datatype\": \"FP64\", \"data\": [1, 1]}]}"
                        + " | outputs[0].name: is required",
                "a null output    | {\"outputs\": [null], \"inputs\": [{\"name\": \"features\","
                        + " \"shape\": [1, 2], \"datatype\": \"FP64\", \"data\": [1, 1]}]}"
                        + " | outputs[0].name: is required"
            })
    void aBadRequestIsTheProtocolsError(String what, String body, String mentions) throws Exception {
        mvc.perform(post("/v2/models/m1/infer")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.error").value(Matchers.containsString(mentions)));
    }

    @Test
    void anUnknownModelIs404WithTheProtocolsError() throws Exception {
        mvc.perform(get("/v2/models/nope"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.error").value(Matchers.containsString("nope")));
        mvc.perform(get("/v2/models/nope/ready")).andExpect(status().isNotFound());
    }

    @Test
    void metadataDescribesTheTensors() throws Exception {
        mvc.perform(get("/v2/models/m1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("m1"))
                .andExpect(jsonPath("$.platform").value("logreg_logistic_regression"))
                .andExpect(jsonPath("$.inputs[0].shape[0]").value(-1))
                .andExpect(jsonPath("$.inputs[0].shape[1]").value(2))
                .andExpect(jsonPath("$.outputs[1].datatype").value("INT64"));
    }
}

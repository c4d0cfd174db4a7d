package dev.logreg.prediction;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.logreg.model.Model;
import dev.logreg.model.ModelStore;
import dev.logreg.model.Statistics;
import dev.logreg.model.StoreSliceBeans;
import dev.logreg.model.TestModels;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(PredictionController.class)
@Import(StoreSliceBeans.class)
class PredictionControllerTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    ModelStore store;

    @BeforeEach
    void storeExample() {
        store.put(TestModels.example("m1"));
    }

    @Test
    void predictsByPositionAndByName() throws Exception {
        // u = 1 + 2 * 1 - 3 * 1 = 0
        mvc.perform(get("/models/m1/predict").param("features", "1,1"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.modelId").value("m1"))
                .andExpect(jsonPath("$.logit").value(0.0))
                .andExpect(jsonPath("$.probability").value(0.5))
                .andExpect(jsonPath("$.label").value(1));
        mvc.perform(get("/models/m1/predict").param("hp", "1").param("wt", "1").param("threshold", "0.6"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.label").value(0));
    }

    @Test
    void predictsABatch() throws Exception {
        mvc.perform(post("/models/m1/predict")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"features\": [[1, 1], [2, 0]]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.logits[0]").value(0.0))
                .andExpect(jsonPath("$.logits[1]").value(5.0))
                .andExpect(jsonPath("$.labels[1]").value(1));
    }

    @Test
    void badInputIsAProblemNamingTheField() throws Exception {
        mvc.perform(get("/models/m1/predict").param("features", "1"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("features"))
                .andExpect(jsonPath("$.errors[0].message").value("expected 2 values, got 1"));
        mvc.perform(get("/models/m1/predict")
                        .param("hp", "1")
                        .param("speed", "2")
                        .param("wt", "x"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[?(@.field == 'speed')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'wt')]").exists());
        mvc.perform(get("/models/other/predict").param("features", "1,1"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:logreg:problem:model-not-found"));
    }

    @Test
    void addsAnIntervalWhenAskedFor() throws Exception {
        // u = 0 at (1, 1); Var u = 0.25 + 1 + 2.25 (a diagonal covariance); z(0.95) = 1.959963984540054
        double standardError = Math.sqrt(3.5);
        double upper = 1 / (1 + Math.exp(-1.959963984540054 * standardError));
        mvc.perform(get("/models/m1/predict").param("features", "1,1").param("interval", "0.95"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.interval").value(0.95))
                .andExpect(jsonPath("$.standardError").value(standardError))
                .andExpect(jsonPath("$.lower").value(org.hamcrest.Matchers.closeTo(1 - upper, 1e-15), Double.class))
                .andExpect(jsonPath("$.upper").value(org.hamcrest.Matchers.closeTo(upper, 1e-15), Double.class));
        mvc.perform(post("/models/m1/predict")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"features\": [[1, 1], [0, 0]], \"interval\": 0.5}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.standardErrors[0]").value(standardError))
                .andExpect(jsonPath("$.standardErrors[1]").value(0.5))
                .andExpect(jsonPath("$.lower.length()").value(2))
                .andExpect(jsonPath("$.upper.length()").value(2));
    }

    @Test
    void leavesTheIntervalOutUnlessAskedFor() throws Exception {
        mvc.perform(get("/models/m1/predict").param("features", "1,1"))
                .andExpect(jsonPath("$.standardError").doesNotExist())
                .andExpect(jsonPath("$.interval").doesNotExist());
        mvc.perform(post("/models/m1/predict")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"features\": [[1, 1]]}"))
                .andExpect(jsonPath("$.standardErrors").doesNotExist())
                .andExpect(jsonPath("$.lower").doesNotExist());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "-0.5", "1.5", "95", "abc", "", "NaN"})
    void anIntervalOutsideZeroToOneIsAProblemNamingIt(String level) throws Exception {
        mvc.perform(get("/models/m1/predict").param("features", "1,1").param("interval", level))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("interval"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "-0.5", "1.5", "\"0.9\"x"})
    void aBatchIntervalOutsideZeroToOneIsAProblem(String level) throws Exception {
        mvc.perform(post("/models/m1/predict")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"features\": [[1, 1]], \"interval\": " + level + "}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void aModelWithoutCovarianceHasNoIntervals() throws Exception {
        Model example = TestModels.example("singular");
        Statistics statistics = example.statistics();
        store.put(new Model(
                "singular",
                null,
                example.createdAt(),
                example.featureNames(),
                example.intercept(),
                example.coefficients(),
                example.options(),
                example.training(),
                new Statistics(statistics.coefficients(), null, null, null, null, null, null, null, 3, null),
                example.metrics(),
                example.diagnostics(),
                example.provenance()));
        mvc.perform(get("/models/singular/predict").param("features", "1,1").param("interval", "0.9"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("interval"))
                .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("covariance")));
        mvc.perform(get("/models/singular/predict").param("features", "1,1")).andExpect(status().isOk());
    }
}

package dev.logreg.prediction;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.logreg.metrics.ServiceMetrics;
import dev.logreg.model.ModelStore;
import dev.logreg.model.TestModels;
import dev.logreg.web.LogregProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(PredictionController.class)
@Import(PredictionControllerTest.Stores.class)
class PredictionControllerTest {

    @TestConfiguration
    @EnableConfigurationProperties(LogregProperties.class)
    @Import(ServiceMetrics.class)
    static class Stores {
        @Bean
        ModelStore modelStore() {
            return TestModels.inMemoryStore();
        }

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

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
        mvc.perform(post("/models/m1/predict").contentType(MediaType.APPLICATION_JSON)
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
        mvc.perform(get("/models/m1/predict").param("hp", "1").param("speed", "2").param("wt", "x"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[?(@.field == 'speed')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'wt')]").exists());
        mvc.perform(get("/models/other/predict").param("features", "1,1"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:logreg:problem:model-not-found"));
    }
}

package dev.logreg.training;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts the JSON body of {@code POST /models} first, with the mtcars dataset as its example, so
 * that Swagger UI's "Try it out" opens on a request that trains. The JSON and CSV endpoints share
 * one OpenAPI operation; springdoc merges them CSV first and drops the JSON example on the way.
 */
@Configuration(proxyBeanMethods = false)
class TrainingApiDocumentation {

    @Bean
    OpenApiCustomizer jsonTrainingExampleFirst() {
        Object mtcars = JsonMapper.builder().build().readValue(TrainingController.MTCARS_EXAMPLE, Map.class);
        return openApi -> {
            PathItem models =
                    openApi.getPaths() == null ? null : openApi.getPaths().get("/models");
            Operation train = models == null ? null : models.getPost();
            if (train == null
                    || train.getRequestBody() == null
                    || train.getRequestBody().getContent() == null) {
                return;
            }
            Content merged = train.getRequestBody().getContent();
            MediaType json = merged.get(org.springframework.http.MediaType.APPLICATION_JSON_VALUE);
            if (json == null) {
                return;
            }
            json.setExample(null);
            json.addExamples(
                    "mtcars", new Example().summary("am ~ hp + wt (mtcars)").value(mtcars));
            Content jsonFirst = new Content();
            jsonFirst.addMediaType(org.springframework.http.MediaType.APPLICATION_JSON_VALUE, json);
            merged.forEach(jsonFirst::putIfAbsent);
            train.getRequestBody().setContent(jsonFirst);
        };
    }
}

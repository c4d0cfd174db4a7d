package dev.logreg.oip;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The protocol's {@code $inference_response}: no {@code model_version}, as models here have none.
 *
 * @param modelName the model's id
 * @param id the request's id, absent when it gave none
 */
@Schema(name = "InferenceResponse", description = "Open Inference Protocol inference response")
record InferenceResponse(
        @JsonProperty("model_name") @Schema(example = "3f2a0c1e-5b7d-4f7e-9c1a-2b8f6d0e4a11")
        String modelName,

        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(example = "42")
        String id,

        List<ResponseOutput> outputs) {

    /**
     * One output tensor of shape {@code [N]}.
     *
     * @param data {@code double[]} (FP64) or {@code int[]} (INT64)
     */
    @Schema(name = "InferenceResponseOutput", description = "An output tensor")
    record ResponseOutput(
            @Schema(example = "probabilities") String name,
            @Schema(example = "[2]") long[] shape,
            @Schema(example = "FP64") String datatype,

            @Schema(
                    description = "N values",
                    types = {"array"},
                    example = "[0.84, 0.91]")
            Object data) {}
}

package dev.logreg.oip;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The protocol's {@code $inference_request}.
 *
 * @param id echoed in the response when given
 * @param parameters request parameters; {@code threshold} (in [0, 1], default 0.5) sets the labels'
 *     cut-off; {@code lambda} (>= 0) an elastic-net model's lambda (default the selected one)
 * @param inputs exactly one tensor, {@code features}
 * @param outputs the outputs wanted, by name; all of them when absent
 */
@Schema(name = "InferenceRequest", description = "Open Inference Protocol inference request")
record InferenceRequest(
        @Schema(description = "returned in the response", example = "42")
        String id,

        @Schema(
                description = "threshold: label 1 when probability >= threshold (default 0.5); lambda: an"
                        + " elastic-net model's lambda (default the selected one), interpolated on its path",
                example = "{\"threshold\": 0.5}")
        Map<String, Object> parameters,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<RequestInput> inputs,
        List<RequestOutput> outputs) {

    /**
     * One input tensor.
     *
     * @param shape the dimensions {@code [N, d]}, read strictly by the controller (whole numbers only)
     * @param data the values in row-major order, flat or nested as the shape
     */
    @Schema(name = "InferenceRequestInput", description = "An input tensor")
    record RequestInput(
            @Schema(example = "features", requiredMode = Schema.RequiredMode.REQUIRED)
            String name,

            @Schema(
                    description = "[N, d], whole numbers",
                    example = "[2, 2]",
                    requiredMode = Schema.RequiredMode.REQUIRED,
                    types = {"array"})
            JsonNode shape,

            @Schema(
                    description = "FP64 (FP32, FP16 and the integer types are read as numbers too)",
                    example = "FP64",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            String datatype,

            Map<String, Object> parameters,

            @Schema(
                    description = "N x d numbers in row-major order, flat or nested",
                    example = "[110, 2.62, 93, 2.32]",
                    requiredMode = Schema.RequiredMode.REQUIRED,
                    types = {"array"})
            JsonNode data) {}

    /** An output asked for by name. */
    @Schema(name = "InferenceRequestOutput", description = "An output asked for by name")
    record RequestOutput(
            @Schema(example = "probabilities", requiredMode = Schema.RequiredMode.REQUIRED)
            String name,

            Map<String, Object> parameters) {}
}

package dev.logreg.oip;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The protocol's small documents: health, metadata, readiness and errors. */
final class ProtocolDocuments {

    private ProtocolDocuments() {}

    @Schema(name = "InferenceServerLive", description = "$live_server_response")
    record Live(@Schema(example = "true") boolean live) {}

    @Schema(name = "InferenceServerReady", description = "$ready_server_response")
    record Ready(@Schema(example = "true") boolean ready) {}

    @Schema(name = "InferenceServerMetadata", description = "$metadata_server_response")
    record ServerMetadata(
            @Schema(example = "logreg-service") String name,
            @Schema(example = "0.1.0") String version,
            @Schema(example = "[]") List<String> extensions) {}

    @Schema(name = "InferenceModelReady", description = "$ready_model_response")
    record ModelReady(
            @Schema(example = "3f2a0c1e-5b7d-4f7e-9c1a-2b8f6d0e4a11")
            String name,

            @Schema(example = "true") boolean ready) {}

    /**
     * @param name the model's id
     * @param platform what serves the model
     */
    @Schema(name = "InferenceModelMetadata", description = "$metadata_model_response")
    record ModelMetadata(
            @Schema(example = "3f2a0c1e-5b7d-4f7e-9c1a-2b8f6d0e4a11")
            String name,

            @Schema(example = "logreg_logistic_regression") String platform,
            List<Tensor> inputs,
            List<Tensor> outputs) {}

    /** {@code $metadata_tensor}; -1 is a dimension of any size. */
    @Schema(name = "InferenceTensorMetadata", description = "$metadata_tensor; -1 is a dimension of any size")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Tensor(
            @Schema(example = "features") String name,
            @Schema(example = "FP64") String datatype,
            @Schema(example = "[-1, 2]") long[] shape) {}

    /** The protocol's error object, on {@code /v2} only. */
    @Schema(name = "InferenceError", description = "Open Inference Protocol error")
    record Error(
            @Schema(example = "The request has 1 error: inputs[0].shape: expected [N, 2], got [2, 3]")
            String error) {}
}

package dev.logreg.model;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** One page of models, newest first. */
@Schema(description = "One page of models, newest first")
public record ModelPage(
        List<Model> content,

        @Schema(description = "0-based page number", example = "0")
        int page,

        @Schema(example = "20") int size,
        @Schema(example = "57") long totalElements,
        @Schema(example = "3") int totalPages) {

    public ModelPage {
        content = List.copyOf(content);
    }
}

package dev.logreg.problem;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One thing wrong with a request.
 *
 * @param field where, as a JSON path such as {@code features[3]} or a query parameter's name
 * @param message what is wrong
 */
@Schema(description = "One thing wrong with a request")
public record FieldError(
        @Schema(example = "features[3]") String field,
        @Schema(example = "expected 2 values, got 3") String message) {}

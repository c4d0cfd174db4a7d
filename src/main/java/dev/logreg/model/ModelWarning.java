package dev.logreg.model;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A finding about a fit.
 *
 * @param code stable: SEPARATION, NOT_CONVERGED, COLLINEAR, PENALIZED_INFERENCE, HESSIAN_DAMPED
 * @param message what happened and what to do, in plain words
 */
@Schema(description = "A finding about the fit, with a stable code")
public record ModelWarning(
        @Schema(example = "SEPARATION") String code,

        @Schema(example = "The classes are completely separated ...")
        String message) {}

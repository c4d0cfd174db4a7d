package dev.logreg.training;

import io.swagger.v3.oas.annotations.media.Schema;

/** L, grad L and Hess L at the given coefficients. */
@Schema(description = "The loss, its gradient and its Hessian at the given coefficients")
record ObjectiveResult(
        @Schema(
                description = "L(b) = (1/sum w) sum w_i (log(1 + e^{u_i}) - y_i u_i) + (l2/2)||b_1..d||^2",
                example = "0.6931471805599453")
        double loss,

        @Schema(description = "grad L(b) = (1/sum w) sum w_i (sigma(u_i) - y_i) xhat_i + l2 [0, b_1..d], p values")
        double[] gradient,

        @Schema(
                description = "Hess L(b) = (1/sum w) X^T W X + l2 diag(0, 1, ..,"
                        + " 1), W = diag(w_i sigma(u_i)(1 - sigma(u_i))), p x p")
        double[][] hessian) {}

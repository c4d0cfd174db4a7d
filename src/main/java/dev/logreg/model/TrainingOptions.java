package dev.logreg.model;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Objects;

/**
 * The effective options of a training, defaults filled in.
 *
 * @param solver {@code newton}, {@code gradient-descent}, {@code sgd} or {@code lbfgs}
 * @param fitIntercept whether the model has an intercept
 * @param l2 the ridge penalty on the non-intercept coefficients
 * @param maxIterations the iteration budget (Newton, gradient descent, L-BFGS)
 * @param tolerance stop when max|grad L| is at most this
 * @param learningRate SGD's initial learning rate
 * @param batchSize SGD's mini-batch size
 * @param epochs SGD's passes over the data
 * @param seed SGD's shuffling seed
 * @param failOnTimeout answer 503 instead of storing an unconverged model when the fit reaches
 *     the time limit ({@code logreg.training.time-limit})
 * @param method {@code ml} (maximum likelihood) or {@code firth} (Firth's bias-reduced fit);
 *     {@code ml} for models stored before the option existed
 * @param covariance the covariance the statistics use: {@code model}, {@code HC0} .. {@code HC3};
 *     {@code model} for models stored before the option existed
 * @param intervals {@code wald} or {@code profile}: how {@code statistics.intervals} are found
 * @param level the level of {@code statistics.intervals} and of the marginal effects' intervals
 * @param marginalEffects {@code average}, {@code mean}, or null for none
 * @param elasticNet glmnet's elastic net instead of the solver; null for none
 */
@Schema(description = "The effective options of a training, defaults filled in")
public record TrainingOptions(
        @Schema(example = "newton") String solver,
        @Schema(example = "true") boolean fitIntercept,
        @Schema(example = "0") double l2,
        @Schema(example = "100") int maxIterations,
        @Schema(example = "1e-8") double tolerance,
        @Schema(example = "1") double learningRate,
        @Schema(example = "32") int batchSize,
        @Schema(example = "50") int epochs,
        @Schema(example = "0") long seed,

        @Schema(
                description = "503 instead of a NOT_CONVERGED model when the fit reaches the service's time limit",
                example = "false")
        boolean failOnTimeout,

        @Schema(
                description = "ml: maximum likelihood; firth: Firth's bias-reduced estimates (brglm2's AS_mean)",
                allowableValues = {"ml", "firth"},
                example = "ml")
        String method,

        @Schema(
                description = "the covariance behind the standard errors, z, p, intervals and covariance matrix:"
                        + " model (I(b)^-1) or a sandwich estimator as R's sandwich::vcovHC",
                allowableValues = {"model", "HC0", "HC1", "HC2", "HC3"},
                example = "model")
        String covariance,

        @Schema(
                description = "how statistics.intervals are found: wald (from the covariance) or profile"
                        + " (profile likelihood, as R's confint on a glm; needs method ml and l2 = 0)",
                allowableValues = {"wald", "profile"},
                example = "wald")
        String intervals,

        @Schema(description = "confidence level of statistics.intervals and of marginal effects", example = "0.95")
        Double level,

        @Schema(
                types = {"string", "null"},
                description =
                        "marginal effects dy/dx: average (over the rows) or mean (at the mean row); null for none",
                example = "average")
        String marginalEffects,

        @Schema(
                types = {"object", "null"},
                description = "glmnet's elastic net; null for none")
        ElasticNetSettings elasticNet) {

    /** The default confidence level. */
    public static final double DEFAULT_LEVEL = 0.95;

    public TrainingOptions {
        Objects.requireNonNull(solver, "solver");
        method = method == null ? "ml" : method;
        covariance = covariance == null ? "model" : covariance;
        intervals = intervals == null ? "wald" : intervals;
        level = level == null ? DEFAULT_LEVEL : level;
    }

    /** Options without the interpretation's (Wald intervals at 0.95, no marginal effects) or an elastic net. */
    public TrainingOptions(
            String solver,
            boolean fitIntercept,
            double l2,
            int maxIterations,
            double tolerance,
            double learningRate,
            int batchSize,
            int epochs,
            long seed,
            boolean failOnTimeout,
            String method,
            String covariance) {
        this(
                solver,
                fitIntercept,
                l2,
                maxIterations,
                tolerance,
                learningRate,
                batchSize,
                epochs,
                seed,
                failOnTimeout,
                method,
                covariance,
                null,
                null,
                null,
                null);
    }
}

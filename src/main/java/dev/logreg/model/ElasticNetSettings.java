package dev.logreg.model;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/**
 * The effective elastic-net options of a training (glmnet's), defaults filled in.
 *
 * @param alpha 0 ridge .. 1 lasso
 * @param lambda the one lambda fitted, or null for a path
 * @param lambdas the path's lambdas as given, or null for the generated path
 * @param nLambda the generated path's length
 * @param lambdaMinRatio the generated path's last lambda over its first (the default resolved)
 * @param standardize whether the penalty applies to standardised features
 * @param penaltyFactors per feature name, as given (features not named: 1)
 * @param crossValidation null without cross-validation
 */
@Schema(name = "ElasticNetOptions", description = "The elastic net's options (glmnet's), defaults filled in")
public record ElasticNetSettings(
        @Schema(description = "0 ridge .. 1 lasso", example = "1", minimum = "0", maximum = "1")
        double alpha,

        @Schema(
                types = {"number", "null"},
                description = "one fit at this lambda (>= 0)",
                example = "0.01")
        Double lambda,

        @Schema(
                types = {"array", "null"},
                description = "the path's lambdas (each >= 0), fitted decreasing")
        double[] lambdas,

        @Schema(description = "the generated path's length (glmnet's nlambda)", example = "100", minimum = "2")
        int nLambda,

        @Schema(
                description = "the generated path's last lambda over its first; default 1e-2 when N < d, else 1e-4",
                example = "1e-4")
        double lambdaMinRatio,

        @Schema(description = "standardise the features (weighted mean and population sd) as glmnet")
        boolean standardize,

        @Schema(
                description = "per feature name a factor >= 0 (0 leaves it unpenalised), rescaled to sum to d"
                        + " as glmnet's penalty.factor; features not named get 1",
                example = "{\"age\": 0}")
        Map<String, Double> penaltyFactors,

        CrossValidationSettings crossValidation) {

    public ElasticNetSettings {
        lambdas = lambdas == null ? null : lambdas.clone();
        penaltyFactors = penaltyFactors == null ? Map.of() : Map.copyOf(penaltyFactors);
    }

    @Override
    public double[] lambdas() {
        return lambdas == null ? null : lambdas.clone();
    }

    /**
     * @param folds the number of folds
     * @param foldIds the 1-based fold of each row as given, or null for random folds
     * @param seed the random folds' seed
     * @param measure {@code deviance}, {@code auc}, {@code class} or {@code mse}
     * @param select {@code lambdaMin} or {@code lambda1se}
     */
    @Schema(name = "ElasticNetCrossValidationOptions", description = "Cross-validation as cv.glmnet")
    public record CrossValidationSettings(
            @Schema(description = "folds (ignored when foldIds is given)", example = "10", minimum = "2")
            int folds,

            @Schema(
                    types = {"array", "null"},
                    description = "the 1-based fold of each row, as cv.glmnet(foldid = )")
            int[] foldIds,

            @Schema(description = "seed of the random folds", example = "0")
            long seed,

            @Schema(
                    allowableValues = {"deviance", "auc", "class", "mse"},
                    example = "deviance")
            String measure,

            @Schema(
                    allowableValues = {"lambdaMin", "lambda1se"},
                    example = "lambdaMin")
            String select) {

        public CrossValidationSettings {
            foldIds = foldIds == null ? null : foldIds.clone();
        }

        @Override
        public int[] foldIds() {
            return foldIds == null ? null : foldIds.clone();
        }
    }
}

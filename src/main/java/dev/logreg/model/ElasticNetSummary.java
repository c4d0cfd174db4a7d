package dev.logreg.model;

import dev.logreg.math.ElasticNetPath;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Objects;

/**
 * An elastic-net model's path, cross-validation and selected lambda.
 *
 * @param alpha the mixing the path was fitted with
 * @param selectedLambda the lambda of the model's intercept and coefficients
 * @param path per lambda: df, deviance ratio, intercept and coefficients
 * @param crossValidation null without cross-validation
 */
@Schema(
        name = "ElasticNet",
        description = "The elastic-net path (glmnet's), its cross-validation and the selected lambda")
public record ElasticNetSummary(
        @Schema(example = "1") double alpha,

        @Schema(description = "the lambda of intercept and coefficients", example = "0.0123")
        double selectedLambda,

        Path path,
        CrossValidationSummary crossValidation) {

    public ElasticNetSummary {
        Objects.requireNonNull(path, "path");
    }

    /**
     * @param lambda decreasing
     * @param df the nonzero coefficients at each lambda
     * @param devianceRatio {@code 1 - deviance / null deviance} at each lambda (glmnet's dev.ratio)
     * @param intercepts the intercept at each lambda
     * @param coefficients per lambda, one coefficient per feature (0 where the penalty zeroed it)
     */
    @Schema(name = "ElasticNetPath", description = "The fit at each lambda of the path")
    public record Path(
            double[] lambda, int[] df, double[] devianceRatio, double[] intercepts, List<double[]> coefficients) {

        public Path {
            lambda = lambda.clone();
            df = df.clone();
            devianceRatio = devianceRatio.clone();
            intercepts = intercepts.clone();
            coefficients = coefficients.stream().map(double[]::clone).toList();
        }
    }

    /**
     * @param measure {@code deviance}, {@code auc}, {@code class} or {@code mse}
     * @param folds the number of folds
     * @param cvm per lambda, the folds' weighted mean of the measure
     * @param cvsd per lambda, its standard error
     * @param lambdaMin the largest lambda with the best cvm
     * @param lambda1se the largest lambda within one standard error of the best
     */
    @Schema(name = "ElasticNetCrossValidation", description = "cv.glmnet's answer")
    public record CrossValidationSummary(
            @Schema(example = "deviance") String measure,
            @Schema(example = "10") int folds,
            double[] cvm,
            double[] cvsd,
            @Schema(example = "0.0123") double lambdaMin,
            @Schema(example = "0.0301") double lambda1se) {

        public CrossValidationSummary {
            cvm = cvm.clone();
            cvsd = cvsd.clone();
        }
    }

    /**
     * The intercept followed by the coefficients at {@code lambda}: linear in lambda between path
     * points as glmnet's {@code predict(s = )}, the path's ends outside it.
     */
    public double[] coefficientsAt(double lambda) {
        return toPath().coefficientsAt(lambda);
    }

    private ElasticNetPath toPath() {
        return new ElasticNetPath(
                alpha,
                path.lambda(),
                path.intercepts(),
                path.coefficients().toArray(new double[0][]),
                path.df(),
                path.devianceRatio(),
                new double[path.lambda().length],
                new double[path.lambda().length],
                Double.NaN,
                0,
                true,
                List.of());
    }
}

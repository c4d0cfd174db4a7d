package dev.logreg.training;

import dev.logreg.model.ElasticNetSettings;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * The shape of the JSON body of {@code POST /models}, for the OpenAPI document only: the body is
 * read by streaming ({@link TrainingRequestReader}), never bound to this record.
 */
@Schema(name = "TrainingRequest", description = "A dataset and how to fit it")
record TrainingRequestDocument(
        @Schema(description = "A name for the model", example = "mtcars-am", maxLength = 200)
        String name,

        @Schema(
                description = "One name per feature column; default x1..xd. Must be unique and not"
                        + " 'features', 'threshold' or 'interval'.",
                example = "[\"hp\", \"wt\"]")
        List<String> featureNames,

        @Schema(
                description = "N rows of d finite numbers each; required unless source is given",
                example = "[[110, 2.62], [110, 2.875], [93, 2.32]]")
        double[][] features,

        @Schema(
                description =
                        "N labels in [0, 1]: 0/1, or proportions (soft labels); required unless source" + " is given",
                example = "[1, 1, 1]")
        double[] labels,

        @Schema(
                description = "N frequency weights >= 0, not all 0; default 1. With proportions as labels,"
                        + " the number of trials. With a formula: the name of the column of data that holds"
                        + " them.",
                types = {"array", "string"},
                example = "[1, 1, 2]")
        Object weights,

        @Schema(
                description = "Instead of features and labels: an R formula over the columns of data, as R's"
                        + " glm reads it: operators ~ + - : * ^ ( ) . / %in%, 0, 1, -1, and offset(), factor(),"
                        + " log(), exp(), sqrt(), I() with + - * / ^ inside; on the left a column of 0/1 or"
                        + " proportions, a boolean, a two-level factor (its second level is 1) or"
                        + " cbind(successes, failures)",
                maxLength = 10000,
                example = "survived ~ class * sex + age")
        String formula,

        @Schema(
                description = "With a formula: the table, as an object of equal-length column arrays or a list"
                        + " of records. Cells are numbers, strings, booleans or null (missing). A column of"
                        + " strings is a factor (levels sorted by code point, the first the reference), booleans"
                        + " are logical (R's xTRUE column), numbers are numbers unless factor() or factors say"
                        + " otherwise.",
                types = {"object", "array"},
                example = "{\"survived\": [1, 0, 0, 1], \"class\": [\"1st\", \"3rd\", \"crew\", \"2nd\"],"
                        + " \"sex\": [\"female\", \"male\", \"male\", \"female\"], \"age\": [29, null, 40, 8]}")
        Object data,

        @Schema(description = "With a formula: factor levels by column; a numeric column named here is a factor")
        Map<String, FactorDocument> factors,

        @Schema(
                description = "With a formula: omit (R's na.omit: rows with a missing value in a column the"
                        + " formula or the weights use are left out, counted in design.rowsOmitted) or fail (400"
                        + " naming the first missing cell)",
                allowableValues = {"omit", "fail"},
                defaultValue = "omit")
        String naAction,

        @Schema(
                description = "Instead of features, labels and weights: a file the Spark cluster reads"
                        + " (logreg.spark.remote); the answer is then 202 with a job")
        SourceDocument source,

        OptionsDocument options) {

    @Schema(name = "FactorLevels", description = "How one factor's levels are ordered")
    record FactorDocument(
            @Schema(
                    description = "Every level in order, the first the reference; a value of the column not"
                            + " listed is a 400",
                    example = "[\"1st\", \"2nd\", \"3rd\", \"crew\"]")
            List<String> levels,

            @Schema(description = "Only moves this level first (the reference)", example = "crew")
            String reference) {}

    @Schema(
            name = "TrainingSource",
            description = "A Parquet or CSV file (or directory of files) the Spark"
                    + " cluster reads; rows with a null label, weight or feature are left out and counted")
    record SourceDocument(
            @Schema(
                    description = "A path or URI the cluster can read: file:, hdfs:, s3a: (needs hadoop-aws on"
                            + " the cluster)",
                    requiredMode = Schema.RequiredMode.REQUIRED,
                    example = "s3a://bucket/clicks.parquet")
            String uri,

            @Schema(
                    description = "csv needs a header row; its column types are inferred (one extra pass)",
                    allowableValues = {"parquet", "csv"},
                    requiredMode = Schema.RequiredMode.REQUIRED)
            String format,

            @Schema(
                    description = "The label column: numbers in [0, 1] or booleans",
                    requiredMode = Schema.RequiredMode.REQUIRED,
                    example = "clicked")
            String label,

            @Schema(description = "The weight column (finite, >= 0); default 1", example = "w")
            String weight,

            @Schema(
                    description = "The feature columns, numeric; default every numeric column but the label and"
                            + " the weight",
                    example = "[\"age\", \"price\"]")
            List<String> features) {}

    @Schema(name = "TrainingRequestOptions", description = "Every option is optional")
    record OptionsDocument(
            @Schema(
                    description = "The optimiser",
                    allowableValues = {"newton", "gradient-descent", "sgd", "lbfgs"},
                    defaultValue = "newton")
            String solver,

            @Schema(description = "Fit an intercept b_0", defaultValue = "true")
            Boolean fitIntercept,

            @Schema(
                    description = "Ridge penalty (l2/2)||b_1..d||^2; the intercept is never penalised",
                    defaultValue = "0",
                    minimum = "0",
                    maximum = "1e12")
            Double l2,

            @Schema(
                    description = "Iteration budget (Newton, gradient descent, L-BFGS)",
                    defaultValue = "100",
                    minimum = "1",
                    maximum = "1000000")
            Integer maxIterations,

            @Schema(
                    description = "Stop when max|grad L| <= tolerance (the gradient of a feature with"
                            + " root mean square s < 1 is read in units of s)",
                    defaultValue = "1e-8",
                    exclusiveMinimumValue = 0,
                    maximum = "1")
            Double tolerance,

            @Schema(
                    description = "SGD: initial learning rate on the mean mini-batch gradient",
                    defaultValue = "1",
                    exclusiveMinimumValue = 0,
                    maximum = "1e6")
            Double learningRate,

            @Schema(description = "SGD: mini-batch size", defaultValue = "32", minimum = "1", maximum = "10000000")
            Integer batchSize,

            @Schema(description = "SGD: passes over the data", defaultValue = "50", minimum = "1", maximum = "100000")
            Integer epochs,

            @Schema(description = "SGD: shuffling seed (same seed, same model)", defaultValue = "0")
            Long seed,

            @Schema(
                    description = "When the fit reaches the service's time limit (logreg.training.time-limit):"
                            + " false stores the model as NOT_CONVERGED, true answers 503 and stores nothing",
                    defaultValue = "false")
            Boolean failOnTimeout,

            @Schema(
                    description = "ml: maximum likelihood; firth: Firth's bias-reduced fit, the likelihood"
                            + " penalised by 0.5 log det I(b), finite under separation (as R's brglm2, type AS_mean);"
                            + " needs solver newton and l2 = 0",
                    allowableValues = {"ml", "firth"},
                    defaultValue = "ml")
            String method,

            @Schema(
                    description = "The covariance behind every statistic (standard errors, z, p, intervals,"
                            + " covariance matrix): model, I(b)^-1; or a sandwich estimator as R's sandwich::vcovHC,"
                            + " each row one observation (n = rows of positive weight)",
                    allowableValues = {"model", "HC0", "HC1", "HC2", "HC3"},
                    defaultValue = "model")
            String covariance,

            @Schema(
                    description = "Fit glmnet's binomial elastic net instead: a lambda path (or one lambda), coordinate"
                            + " descent, optional cross-validation as cv.glmnet; needs l2 = 0, method ml, covariance"
                            + " model")
            ElasticNetSettings elasticNet) {}
}

package dev.logreg.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.logreg.design.Design;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A fitted model: immutable once built, so stores and predictions share it freely.
 *
 * @param coefficients one per feature, in {@code featureNames} order; 0 for an aliased feature
 * @param diagnostics the training-data ROC curve and reliability bins the report draws
 * @param provenance the data's hash, the software, the options and the timings; null only for a
 *     model stored before provenance was recorded
 * @param statistics null only for an elastic net with a lasso part ({@code alpha > 0}), whose
 *     coefficients have no standard errors
 * @param elasticNet the elastic-net path, cross-validation and selected lambda; null for other fits
 * @param design how the model reads a raw table (formula, terms, factors' levels), null for a model
 *     trained on rows of numbers; its columns without the intercept are {@code featureNames}
 */
@Schema(description = "A fitted logistic regression model")
public record Model(
        @Schema(example = "3f2a0c1e-5b7d-4f7e-9c1a-2b8f6d0e4a11")
        String id,

        @Schema(
                types = {"string", "null"},
                example = "mtcars-am")
        String name,

        Instant createdAt,
        List<String> featureNames,

        @Schema(description = "b_0; 0 when fitIntercept is false", example = "18.866")
        double intercept,

        @Schema(example = "[0.0363, -8.0835]") double[] coefficients,
        TrainingOptions options,
        TrainingSummary training,
        Statistics statistics,
        Metrics metrics,
        Diagnostics diagnostics,

        @Schema(
                description = "where the model came from; absent (null) only"
                        + " for models stored before provenance was recorded")
        Provenance provenance,

        @Schema(
                types = {"object", "null"},
                description = "the elastic-net path, cross-validation and selected lambda; null for other fits")
        ElasticNetSummary elasticNet,

        @Schema(
                types = {"object", "null"},
                description = "how the model reads raw tables and records: its formula, terms, factor"
                        + " levels and missing-value handling; null for a model trained on rows of numbers")
        Design design) {

    /** Query parameters of predict, which therefore cannot name a feature. */
    public static final Set<String> RESERVED_FEATURE_NAMES = Set.of("features", "threshold", "interval");

    public Model {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        featureNames = List.copyOf(featureNames);
        coefficients = coefficients.clone();
        if (coefficients.length != featureNames.size()) {
            throw new IllegalArgumentException("one coefficient per feature name");
        }
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(training, "training");
        if (statistics == null && elasticNet == null) {
            throw new NullPointerException("statistics");
        }
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(diagnostics, "diagnostics");
        if (design != null && !design.featureNames().equals(featureNames)) {
            throw new IllegalArgumentException("the feature names are the design's columns");
        }
    }

    /** A model trained on rows of numbers, without a design, by any fit but the elastic net. */
    public Model(
            String id,
            String name,
            Instant createdAt,
            List<String> featureNames,
            double intercept,
            double[] coefficients,
            TrainingOptions options,
            TrainingSummary training,
            Statistics statistics,
            Metrics metrics,
            Diagnostics diagnostics,
            Provenance provenance) {
        this(
                id,
                name,
                createdAt,
                featureNames,
                intercept,
                coefficients,
                options,
                training,
                statistics,
                metrics,
                diagnostics,
                provenance,
                null,
                null);
    }

    /** The query parameter of predict that picks an elastic-net model's lambda, so not its feature's name. */
    public static final String LAMBDA_PARAMETER = "lambda";

    /**
     * This elastic-net model at {@code lambda}: the coefficients interpolated on its path as glmnet's
     * {@code predict(s = lambda)}; the model itself at its selected lambda, otherwise without
     * statistics.
     *
     * @throws IllegalStateException when the model has no elastic-net path
     */
    public Model atLambda(double lambda) {
        if (elasticNet == null) {
            throw new IllegalStateException("not an elastic-net model");
        }
        if (lambda == elasticNet.selectedLambda()) {
            return this;
        }
        double[] all = elasticNet.coefficientsAt(lambda);
        return new Model(
                id,
                name,
                createdAt,
                featureNames,
                all[0],
                java.util.Arrays.copyOfRange(all, 1, all.length),
                options,
                training,
                null,
                metrics,
                diagnostics,
                provenance,
                elasticNet,
                design);
    }

    /** Where this model and its report live; derived from the id, so never stored. */
    @JsonProperty(value = "links", access = JsonProperty.Access.READ_ONLY)
    @Schema(description = "Links to this model and to its HTML report")
    public Links links() {
        return new Links("/models/" + id, "/models/" + id + "/report");
    }

    /**
     * @param self this model's JSON
     * @param report this model's HTML report
     */
    @Schema(description = "Links to a model's resources")
    public record Links(
            @Schema(example = "/models/3f2a0c1e-5b7d-4f7e-9c1a-2b8f6d0e4a11")
            String self,

            @Schema(example = "/models/3f2a0c1e-5b7d-4f7e-9c1a-2b8f6d0e4a11/report")
            String report) {}

    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }

    /** d, the number of features a prediction needs. */
    @JsonIgnore
    public int numFeatures() {
        return coefficients.length;
    }

    /**
     * {@code u = b_0 + sum_j b_j x_j}. {@code features} (length d) is not modified.
     */
    public double logit(double[] features) {
        if (features.length != coefficients.length) {
            throw new IllegalArgumentException("expected " + coefficients.length + " features");
        }
        double u = intercept;
        for (int j = 0; j < coefficients.length; j++) {
            u += coefficients[j] * features[j];
        }
        return u;
    }

    /**
     * The variance of {@link #logit} at {@code features} by the delta method,
     * {@code xhat^T Cov xhat} with the covariance the model was fitted with (see
     * {@link Statistics#logitVariance}); NaN when the model has no covariance matrix (or no
     * statistics). Allocates
     * nothing; {@code features} is not modified.
     */
    public double logitVariance(double[] features) {
        if (statistics == null) {
            return Double.NaN;
        }
        return statistics.logitVariance(features, options.fitIntercept());
    }
}

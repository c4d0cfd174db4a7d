package dev.logreg.math;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.ejml.data.DMatrixRMaj;

/**
 * What a fit means, computed while its rows are in memory: confidence intervals at a level (Wald
 * from the fit's covariance, or profile likelihood, {@link ProfileIntervals}), marginal effects
 * ({@link MarginalEffects}), goodness of fit ({@link GoodnessOfFit}) and variance inflation
 * ({@link VarianceInflation}). Arrays run over the design's columns, intercept first; NaN for an
 * aliased column or a number that does not exist.
 *
 * @param intervalType how {@code lower} and {@code upper} were found
 * @param level their confidence level
 * @param lower per design column
 * @param upper per design column
 * @param marginalEffects null when not asked for; its {@code columns} are design columns
 * @param goodnessOfFit on the training rows
 * @param vif one row per term, or null with fewer than two terms
 */
public record Interpretation(
        IntervalType intervalType,
        double level,
        double[] lower,
        double[] upper,
        MarginalEffects marginalEffects,
        GoodnessOfFit goodnessOfFit,
        List<VarianceInflation> vif) {

    /** How confidence intervals are found. */
    public enum IntervalType {
        /** {@code b -/+ Phi^-1((1 + level) / 2) se}, se from the fit's covariance. */
        WALD,
        /** Profile likelihood ({@link ProfileIntervals}). */
        PROFILE;

        /** The name clients use. */
        public String apiName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * What to compute.
     *
     * @param intervals how to find the intervals
     * @param level their level, in (0, 1)
     * @param marginalEffects where to take marginal effects, null for none
     * @param termLabels the terms' labels, for VIF
     * @param terms each term's design columns (the intercept in none); a matrix model's columns are
     *     each a term
     * @param discreteGroups the design columns whose effects are discrete changes, in groups (a
     *     factor's dummies); null to treat each 0/1 column as its own group (a matrix model)
     */
    public record Request(
            IntervalType intervals,
            double level,
            MarginalEffects.At marginalEffects,
            List<String> termLabels,
            List<int[]> terms,
            List<int[]> discreteGroups) {

        public Request {
            if (!(level > 0 && level < 1)) {
                throw new IllegalArgumentException("level must be in (0, 1)");
            }
            termLabels = List.copyOf(termLabels);
            terms = List.copyOf(terms);
            if (termLabels.size() != terms.size()) {
                throw new IllegalArgumentException("one label per term");
            }
            discreteGroups = discreteGroups == null ? null : List.copyOf(discreteGroups);
        }

        /** A matrix model's request: each feature column a term named by the dataset. */
        public static Request forColumns(
                Dataset data, IntervalType intervals, double level, MarginalEffects.At marginalEffects) {
            List<String> labels = new ArrayList<>();
            List<int[]> terms = new ArrayList<>();
            for (int j = data.hasIntercept() ? 1 : 0; j < data.numColumns(); j++) {
                labels.add(data.columnName(j));
                terms.add(new int[] {j});
            }
            return new Request(intervals, level, marginalEffects, labels, terms, null);
        }
    }

    public Interpretation {
        lower = lower.clone();
        upper = upper.clone();
        vif = vif == null ? null : List.copyOf(vif);
    }

    @Override
    public double[] lower() {
        return lower.clone();
    }

    @Override
    public double[] upper() {
        return upper.clone();
    }

    /**
     * The interpretation of {@code fit}, a fit of {@code data} (all design columns) with ridge
     * penalty {@code l2}. Profile intervals need the unpenalised maximum-likelihood fit.
     * Nothing passed in is modified.
     *
     * @throws IllegalArgumentException for profile intervals of a penalised fit
     */
    public static Interpretation of(
            Dataset data, Fit fit, double l2, Request request, ForkJoinPool pool, int parallelism) {
        if (request.intervals() == IntervalType.PROFILE && l2 != 0) {
            throw new IllegalArgumentException("profile intervals need the unpenalised fit");
        }
        int p = data.numColumns();
        int[] kept = fit.keptColumns();
        int[] fittedIndex = new int[p];
        java.util.Arrays.fill(fittedIndex, -1);
        for (int k = 0; k < kept.length; k++) {
            fittedIndex[kept[k]] = k;
        }
        Dataset fitted = kept.length == p ? data : data.selectColumns(kept);
        double[] all = fit.coefficients();
        double[] b = new double[kept.length];
        for (int k = 0; k < kept.length; k++) {
            b[k] = all[kept[k]];
        }
        Inference inference = fit.inference();
        DMatrixRMaj modelCovariance = inference.covarianceType() == CovarianceType.MODEL
                ? inference.covariance()
                : modelCovariance(fitted, b, l2);

        double[] fittedLower;
        double[] fittedUpper;
        if (request.intervals() == IntervalType.PROFILE) {
            ProfileIntervals.Bounds bounds =
                    new ProfileIntervals(pool, parallelism).of(fitted, b, modelCovariance, request.level());
            fittedLower = bounds.lower();
            fittedUpper = bounds.upper();
        } else {
            double quantile = NormalDistribution.of(0, 1).inverseCumulativeProbability(0.5 + request.level() / 2);
            fittedLower = new double[kept.length];
            fittedUpper = new double[kept.length];
            for (int k = 0; k < kept.length; k++) {
                double se = inference.standardErrors()[k];
                fittedLower[k] = b[k] - quantile * se;
                fittedUpper[k] = b[k] + quantile * se;
            }
        }
        double[] lower = new double[p];
        double[] upper = new double[p];
        for (int j = 0; j < p; j++) {
            int k = fittedIndex[j];
            lower[j] = k < 0 ? Double.NaN : fittedLower[k];
            upper[j] = k < 0 ? Double.NaN : fittedUpper[k];
        }

        MarginalEffects effects = null;
        if (request.marginalEffects() != null) {
            List<int[]> groups = request.discreteGroups() == null
                    ? MarginalEffects.binaryColumns(fitted)
                    : toFitted(request.discreteGroups(), fittedIndex);
            MarginalEffects onFitted = MarginalEffects.of(
                    fitted, b, inference.covariance(), request.marginalEffects(), groups, request.level());
            effects = onDesignColumns(onFitted, kept);
        }
        List<String> labels = new ArrayList<>();
        List<int[]> terms = new ArrayList<>();
        for (int t = 0; t < request.terms().size(); t++) {
            int[] columns =
                    toFitted(List.of(request.terms().get(t)), fittedIndex).get(0);
            if (columns.length > 0) {
                labels.add(request.termLabels().get(t));
                terms.add(columns);
            }
        }
        List<VarianceInflation> vif = VarianceInflation.of(modelCovariance, fitted.hasIntercept(), labels, terms);
        return new Interpretation(
                request.intervals(),
                request.level(),
                lower,
                upper,
                effects,
                GoodnessOfFit.of(fitted, b, modelCovariance),
                vif);
    }

    /** {@code I(b)^-1} with the fit's penalty (the model covariance of {@link Inference}), or null. */
    private static DMatrixRMaj modelCovariance(Dataset fitted, double[] b, double l2) {
        int p = fitted.numColumns();
        LogisticLoss loss = new LogisticLoss(new LocalRowSums(fitted), l2, fitted.hasIntercept());
        DMatrixRMaj information = new DMatrixRMaj(p, p);
        loss.evaluate(b, null, information);
        for (int k = 0; k < information.data.length; k++) {
            information.data[k] *= fitted.totalWeight();
        }
        DampedCholesky cholesky = new DampedCholesky(p);
        if (cholesky.factor(information) != 0) {
            return null;
        }
        DMatrixRMaj covariance = new DMatrixRMaj(p, p);
        cholesky.invert(covariance);
        for (double value : covariance.data) {
            if (!Double.isFinite(value)) {
                return null;
            }
        }
        return covariance;
    }

    /** Design-column groups as fitted-column groups, aliased columns left out (empty groups kept). */
    private static List<int[]> toFitted(List<int[]> groups, int[] fittedIndex) {
        List<int[]> result = new ArrayList<>();
        for (int[] group : groups) {
            int[] columns = java.util.Arrays.stream(group)
                    .map(column -> fittedIndex[column])
                    .filter(k -> k >= 0)
                    .toArray();
            result.add(columns);
        }
        return result;
    }

    private static MarginalEffects onDesignColumns(MarginalEffects effects, int[] kept) {
        int[] columns = effects.columns();
        for (int e = 0; e < columns.length; e++) {
            columns[e] = kept[columns[e]];
        }
        return new MarginalEffects(
                effects.at(),
                columns,
                effects.level(),
                effects.discrete(),
                effects.dydx(),
                effects.standardErrors(),
                effects.zValues(),
                effects.pValues(),
                effects.lower(),
                effects.upper());
    }
}

package dev.logreg.training;

import dev.logreg.design.Design;
import dev.logreg.math.CalibrationBins;
import dev.logreg.math.ClassificationMetrics;
import dev.logreg.math.CrossValidation;
import dev.logreg.math.Dataset;
import dev.logreg.math.DatasetDigest;
import dev.logreg.math.ElasticNetFit;
import dev.logreg.math.ElasticNetPath;
import dev.logreg.math.Fit;
import dev.logreg.math.FitKernel;
import dev.logreg.math.FitResult;
import dev.logreg.math.FitWarning;
import dev.logreg.math.GoodnessOfFit;
import dev.logreg.math.Inference;
import dev.logreg.math.Interpretation;
import dev.logreg.math.MarginalEffects;
import dev.logreg.math.RocCurve;
import dev.logreg.math.TrainingDiagnostics;
import dev.logreg.math.VarianceInflation;
import dev.logreg.model.CoefficientStatistics;
import dev.logreg.model.Diagnostics;
import dev.logreg.model.ElasticNetSummary;
import dev.logreg.model.GoodnessOfFitStatistics;
import dev.logreg.model.IntervalStatistics;
import dev.logreg.model.MarginalEffectStatistics;
import dev.logreg.model.Metrics;
import dev.logreg.model.Model;
import dev.logreg.model.ModelWarning;
import dev.logreg.model.Provenance;
import dev.logreg.model.Statistics;
import dev.logreg.model.TrainingOptions;
import dev.logreg.model.TrainingSummary;
import dev.logreg.model.VarianceInflationRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.ejml.data.DMatrixRMaj;

/** Builds the immutable {@link Model} from a {@link Fit}; every non-finite number becomes null. */
final class ModelAssembler {

    /** The solver an elastic-net model names (glmnet's coordinate descent along the path). */
    static final String ELASTIC_NET_SOLVER = "coordinate-descent";

    private ModelAssembler() {}

    /**
     * What the provenance records besides the data's counts and the options.
     *
     * @param datasetSha256 the data's hash ({@link dev.logreg.math.DatasetDigest}); null for a source a
     *     cluster read, whose rows never reach the service
     * @param source the data's URI, or null for data sent in the request
     * @param fitParallelism the most workers the row sums used (a cluster's partitions for a source)
     * @param start when reading the body began ({@link System#nanoTime})
     * @param parseNanos reading the body
     * @param hashNanos hashing the data
     * @param regressionNanos the whole of {@code LogisticRegression.fit}, of which {@code Fit.fitNanos}
     *     is the fit proper and the rest statistics
     */
    record Origin(
            String datasetSha256,
            String source,
            String serviceVersion,
            String javaVersion,
            String ejmlVersion,
            int fitParallelism,
            long start,
            long parseNanos,
            long hashNanos,
            long regressionNanos) {}

    static Model assemble(
            String id,
            String name,
            Instant createdAt,
            Dataset data,
            Design design,
            TrainingOptions options,
            Fit fit,
            Interpretation interpretation,
            double durationMillis,
            Origin origin) {
        return assemble(
                id,
                name,
                createdAt,
                new Columns(data.hasIntercept(), data.featureNames()),
                data.numSamples(),
                data.totalWeight(),
                designWarnings(design),
                options,
                fit,
                interpretation,
                durationMillis,
                origin,
                design);
    }

    /** {@code ROWS_WITH_MISSING} when the design left rows out; empty otherwise (a list to add to). */
    private static List<ModelWarning> designWarnings(Design design) {
        List<ModelWarning> warnings = new ArrayList<>();
        if (design != null && design.rowsOmitted() > 0) {
            warnings.add(new ModelWarning(
                    "ROWS_WITH_MISSING",
                    design.rowsOmitted() + " row" + (design.rowsOmitted() == 1 ? " has" : "s have")
                            + " a missing value in a column the formula or the weights use and"
                            + (design.rowsOmitted() == 1 ? " was" : " were") + " left out (naAction omit)"));
        }
        return warnings;
    }

    /**
     * The design's columns: the features, with the intercept first when there is one.
     *
     * @param featureNames the d feature names
     */
    record Columns(boolean hasIntercept, List<String> featureNames) {

        String name(int column) {
            if (hasIntercept) {
                return column == 0 ? "(intercept)" : featureNames.get(column - 1);
            }
            return featureNames.get(column);
        }
    }

    /**
     * The model of rows wherever they were, without a design (rows of numbers, or a cluster's).
     *
     * @param interpretation what the fit means, computed with the rows in memory; null for rows
     *     elsewhere (a source), whose statistics get Wald intervals at {@code options.level} only
     */
    static Model assemble(
            String id,
            String name,
            Instant createdAt,
            Columns columns,
            int numSamples,
            double totalWeight,
            List<ModelWarning> dataWarnings,
            TrainingOptions options,
            Fit fit,
            Interpretation interpretation,
            double durationMillis,
            Origin origin) {
        return assemble(
                id,
                name,
                createdAt,
                columns,
                numSamples,
                totalWeight,
                dataWarnings,
                options,
                fit,
                interpretation,
                durationMillis,
                origin,
                null);
    }

    /**
     * The model of rows wherever they were (in the request, or in a cluster's partitions).
     *
     * @param numSamples the rows fitted, zero-weight rows included
     * @param dataWarnings findings about the data before the fit's own (rows left out, say)
     * @param interpretation as for the overload without a design
     * @param design how a table was coded into the rows, or null
     */
    static Model assemble(
            String id,
            String name,
            Instant createdAt,
            Columns columns,
            int numSamples,
            double totalWeight,
            List<ModelWarning> dataWarnings,
            TrainingOptions options,
            Fit fit,
            Interpretation interpretation,
            double durationMillis,
            Origin origin,
            Design design) {
        long assemblyStart = System.nanoTime();
        double[] all = fit.coefficients();
        int offset = columns.hasIntercept() ? 1 : 0;
        double intercept = columns.hasIntercept() ? all[0] : 0.0;
        double[] coefficients = Arrays.copyOfRange(all, offset, all.length);
        FitResult result = fit.solverResult();
        int numFeatures = columns.featureNames().size();
        List<ModelWarning> warnings = new ArrayList<>(dataWarnings);
        for (FitWarning warning : fit.warnings()) {
            warnings.add(new ModelWarning(warning.code(), warning.message()));
        }
        TrainingSummary training = new TrainingSummary(
                result.solver(),
                result.converged(),
                result.iterations(),
                result.loss(),
                result.gradientNorm(),
                result.lossHistory(),
                result.stopReason().name(),
                durationMillis,
                numSamples,
                numFeatures,
                totalWeight,
                warnings);
        Statistics statistics = statistics(columns, fit.aliased(), fit.coefficients(), fit.inference());
        statistics = interpretation == null
                ? statistics.withInterpretation(waldIntervals(fit, options.level()), null, null, null)
                : withInterpretation(statistics, columns, interpretation);
        Metrics metrics = metrics(fit.metrics());
        Diagnostics diagnostics = diagnostics(fit.diagnostics());
        long end = System.nanoTime();
        Provenance.Timings timings = new Provenance.Timings(
                origin.parseNanos() / 1e6,
                origin.hashNanos() / 1e6,
                fit.fitNanos() / 1e6,
                (origin.regressionNanos() - fit.fitNanos() + end - assemblyStart) / 1e6,
                (end - origin.start()) / 1e6);
        Provenance provenance = new Provenance(
                origin.datasetSha256(),
                origin.datasetSha256() == null ? null : DatasetDigest.CANONICAL_FORM,
                origin.source(),
                numSamples,
                numFeatures,
                totalWeight,
                origin.serviceVersion(),
                origin.javaVersion(),
                origin.ejmlVersion(),
                origin.fitParallelism(),
                origin.source() == null ? FitKernel.description() : null,
                options,
                timings);
        return new Model(
                id,
                name,
                createdAt,
                columns.featureNames(),
                intercept,
                coefficients,
                options,
                training,
                statistics,
                metrics,
                diagnostics,
                provenance,
                null,
                design);
    }

    /**
     * The model of an elastic-net fit: intercept and coefficients at the selected lambda, the path
     * and its cross-validation, no statistics when alpha > 0 (warning {@code PENALIZED_INFERENCE});
     * {@code training} reports the coordinate-descent passes as iterations, the loss {@code L(b)}
     * at each lambda as the history, and the largest violation of the optimality conditions at the
     * selected lambda as the gradient norm.
     */
    static Model assembleElasticNet(
            String id,
            String name,
            Instant createdAt,
            Dataset data,
            Design design,
            TrainingOptions options,
            ElasticNetFit fit,
            double durationMillis,
            Origin origin) {
        long assemblyStart = System.nanoTime();
        double[] all = fit.coefficients();
        int offset = data.hasIntercept() ? 1 : 0;
        double intercept = data.hasIntercept() ? all[0] : 0.0;
        double[] coefficients = Arrays.copyOfRange(all, offset, all.length);
        ElasticNetPath path = fit.path();
        int selected = path.indexOf(fit.selectedLambda());
        List<ModelWarning> warnings = designWarnings(design);
        for (FitWarning warning : fit.warnings()) {
            warnings.add(new ModelWarning(warning.code(), warning.message()));
        }
        double alpha = path.alpha();
        if (alpha > 0) {
            warnings.add(new ModelWarning(
                    FitWarning.PENALIZED_INFERENCE,
                    "No standard errors, p-values or intervals: the lasso part of the penalty (alpha = " + alpha
                            + ") selects features and shrinks the estimates, so Wald statistics would be wrong;"
                            + " statistics is null. Refit the selected features without a penalty for inference."));
        }
        TrainingSummary training = new TrainingSummary(
                ELASTIC_NET_SOLVER,
                path.converged(),
                (int) Math.min(Integer.MAX_VALUE, path.passes()),
                path.losses()[selected],
                path.optimality()[selected],
                path.losses(),
                fit.timedOut() ? "TIME_LIMIT" : path.converged() ? "GRADIENT_TOLERANCE" : "MAX_ITERATIONS",
                durationMillis,
                data.numSamples(),
                data.numFeatures(),
                data.totalWeight(),
                warnings);
        Columns columns = new Columns(data.hasIntercept(), data.featureNames());
        Statistics statistics =
                fit.inference() == null ? null : statistics(columns, new boolean[all.length], all, fit.inference());
        ElasticNetSummary elasticNet = summary(fit);
        long end = System.nanoTime();
        Provenance.Timings timings = new Provenance.Timings(
                origin.parseNanos() / 1e6,
                origin.hashNanos() / 1e6,
                fit.fitNanos() / 1e6,
                (origin.regressionNanos() - fit.fitNanos() + end - assemblyStart) / 1e6,
                (end - origin.start()) / 1e6);
        Provenance provenance = new Provenance(
                origin.datasetSha256(),
                DatasetDigest.CANONICAL_FORM,
                origin.source(),
                data.numSamples(),
                data.numFeatures(),
                data.totalWeight(),
                origin.serviceVersion(),
                origin.javaVersion(),
                origin.ejmlVersion(),
                origin.fitParallelism(),
                FitKernel.description(),
                options,
                timings);
        return new Model(
                id,
                name,
                createdAt,
                data.featureNames(),
                intercept,
                coefficients,
                options,
                training,
                statistics,
                metrics(fit.metrics()),
                diagnostics(fit.diagnostics()),
                provenance,
                elasticNet,
                design);
    }

    private static ElasticNetSummary summary(ElasticNetFit fit) {
        ElasticNetPath path = fit.path();
        ElasticNetSummary.CrossValidationSummary validation = null;
        CrossValidation cv = fit.crossValidation();
        if (cv != null) {
            validation = new ElasticNetSummary.CrossValidationSummary(
                    cv.measure().jsonName(), cv.numFolds(), cv.cvm(), cv.cvsd(), cv.lambdaMin(), cv.lambda1se());
        }
        return new ElasticNetSummary(
                path.alpha(),
                fit.selectedLambda(),
                new ElasticNetSummary.Path(
                        path.lambdas(),
                        path.degreesOfFreedom(),
                        path.devianceRatios(),
                        path.intercepts(),
                        Arrays.asList(path.coefficients())),
                validation);
    }

    private static Statistics statistics(Columns columns, boolean[] aliased, double[] estimates, Inference inference) {
        List<CoefficientStatistics> rows = new ArrayList<>(aliased.length);
        int kept = 0;
        for (int j = 0; j < aliased.length; j++) {
            String name = columns.name(j);
            if (aliased[j]) {
                rows.add(new CoefficientStatistics(name, null, null, null, null, null, null));
                continue;
            }
            rows.add(new CoefficientStatistics(
                    name,
                    finite(estimates[j]),
                    finite(inference.standardErrors()[kept]),
                    finite(inference.zValues()[kept]),
                    finite(inference.pValues()[kept]),
                    finite(inference.lower95()[kept]),
                    finite(inference.upper95()[kept])));
            kept++;
        }
        return new Statistics(
                rows,
                finite(inference.logLikelihood()),
                finite(inference.deviance()),
                finite(inference.nullDeviance()),
                finite(inference.aic()),
                finite(inference.bic()),
                finite(inference.mcFaddenR2()),
                finite(inference.likelihoodRatioPValue()),
                inference.rank(),
                toArray(inference.covariance()));
    }

    /** Wald intervals at {@code level} from the fit's standard errors, null for aliased columns. */
    private static IntervalStatistics waldIntervals(Fit fit, double level) {
        double quantile = NormalDistribution.of(0, 1).inverseCumulativeProbability(0.5 + level / 2);
        boolean[] aliased = fit.aliased();
        double[] estimates = fit.coefficients();
        double[] lower = new double[aliased.length];
        double[] upper = new double[aliased.length];
        int kept = 0;
        for (int j = 0; j < aliased.length; j++) {
            double se = aliased[j] ? Double.NaN : fit.inference().standardErrors()[kept++];
            lower[j] = estimates[j] - quantile * se;
            upper[j] = estimates[j] + quantile * se;
        }
        return intervals(Interpretation.IntervalType.WALD.apiName(), level, lower, upper);
    }

    private static IntervalStatistics intervals(String type, double level, double[] lower, double[] upper) {
        return new IntervalStatistics(
                type,
                level,
                finiteList(lower, false),
                finiteList(upper, false),
                finiteList(lower, true),
                finiteList(upper, true));
    }

    private static List<Double> finiteList(double[] values, boolean exponentiate) {
        List<Double> list = new ArrayList<>(values.length);
        for (double value : values) {
            list.add(finite(exponentiate ? Math.exp(value) : value));
        }
        return list;
    }

    private static Statistics withInterpretation(
            Statistics statistics, Columns columns, Interpretation interpretation) {
        MarginalEffectStatistics effects = null;
        MarginalEffects computed = interpretation.marginalEffects();
        if (computed != null) {
            List<MarginalEffectStatistics.Effect> rows = new ArrayList<>();
            for (int e = 0; e < computed.columns().length; e++) {
                rows.add(new MarginalEffectStatistics.Effect(
                        columns.name(computed.columns()[e]),
                        computed.discrete()[e],
                        finite(computed.dydx()[e]),
                        finite(computed.standardErrors()[e]),
                        finite(computed.zValues()[e]),
                        finite(computed.pValues()[e]),
                        finite(computed.lower()[e]),
                        finite(computed.upper()[e])));
            }
            effects = new MarginalEffectStatistics(
                    computed.at() == MarginalEffects.At.AVERAGE ? "average" : "mean", rows);
        }
        GoodnessOfFit gof = interpretation.goodnessOfFit();
        GoodnessOfFit.HosmerLemeshow hl = gof.hosmerLemeshow();
        GoodnessOfFit.LeCessieVanHouwelingen lc = gof.leCessieVanHouwelingen();
        GoodnessOfFitStatistics goodnessOfFit = new GoodnessOfFitStatistics(
                new GoodnessOfFitStatistics.HosmerLemeshow(
                        hl.groups(), finite(hl.statistic()), hl.degreesOfFreedom(), finite(hl.pValue())),
                new GoodnessOfFitStatistics.LeCessieVanHouwelingen(
                        finite(lc.sumOfSquares()),
                        finite(lc.expected()),
                        finite(lc.standardDeviation()),
                        finite(lc.zValue()),
                        finite(lc.pValue())));
        List<VarianceInflationRow> vif = null;
        if (interpretation.vif() != null) {
            vif = new ArrayList<>();
            for (VarianceInflation row : interpretation.vif()) {
                vif.add(new VarianceInflationRow(
                        row.term(), finite(row.gvif()), row.degreesOfFreedom(), finite(row.gvifAdjusted())));
            }
        }
        return statistics.withInterpretation(
                intervals(
                        interpretation.intervalType().apiName(),
                        interpretation.level(),
                        interpretation.lower(),
                        interpretation.upper()),
                effects,
                goodnessOfFit,
                vif);
    }

    static Metrics metrics(ClassificationMetrics metrics) {
        return new Metrics(
                metrics.accuracy(),
                metrics.logLoss(),
                finite(metrics.rocAuc()),
                metrics.brierScore(),
                new Metrics.ConfusionMatrix(
                        metrics.truePositives(),
                        metrics.falsePositives(),
                        metrics.trueNegatives(),
                        metrics.falseNegatives()));
    }

    static Diagnostics diagnostics(TrainingDiagnostics diagnostics) {
        RocCurve roc = diagnostics.roc();
        Diagnostics.Roc curve = roc == null
                ? new Diagnostics.Roc(new double[0], new double[0])
                : new Diagnostics.Roc(roc.falsePositiveRates(), roc.truePositiveRates());
        CalibrationBins bins = diagnostics.calibration();
        List<Diagnostics.CalibrationBin> calibration = new ArrayList<>(bins.size());
        for (int k = 0; k < bins.size(); k++) {
            calibration.add(new Diagnostics.CalibrationBin(
                    bins.lower()[k],
                    bins.upper()[k],
                    bins.meanPredicted()[k],
                    bins.observedRate()[k],
                    bins.weight()[k],
                    bins.rows()[k]));
        }
        return new Diagnostics(curve, calibration, diagnostics.samplesWithWeight());
    }

    private static double[][] toArray(DMatrixRMaj matrix) {
        if (matrix == null) {
            return null;
        }
        double[][] rows = new double[matrix.numRows][matrix.numCols];
        for (int i = 0; i < matrix.numRows; i++) {
            for (int j = 0; j < matrix.numCols; j++) {
                rows[i][j] = matrix.get(i, j);
            }
        }
        return rows;
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}

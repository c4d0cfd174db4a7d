package dev.logreg.training;

import dev.logreg.math.CalibrationBins;
import dev.logreg.math.ClassificationMetrics;
import dev.logreg.math.Dataset;
import dev.logreg.math.Fit;
import dev.logreg.math.FitResult;
import dev.logreg.math.FitWarning;
import dev.logreg.math.Inference;
import dev.logreg.math.RocCurve;
import dev.logreg.math.TrainingDiagnostics;
import dev.logreg.model.CoefficientStatistics;
import dev.logreg.model.Diagnostics;
import dev.logreg.model.Metrics;
import dev.logreg.model.Model;
import dev.logreg.model.ModelWarning;
import dev.logreg.model.Statistics;
import dev.logreg.model.TrainingOptions;
import dev.logreg.model.TrainingSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/** Builds the immutable {@link Model} from a {@link Fit}; every non-finite number becomes null. */
final class ModelAssembler {

    private ModelAssembler() {
    }

    static Model assemble(String id, String name, Instant createdAt, Dataset data,
            TrainingOptions options, Fit fit, double durationMillis) {
        double[] all = fit.coefficients();
        int offset = data.hasIntercept() ? 1 : 0;
        double intercept = data.hasIntercept() ? all[0] : 0.0;
        double[] coefficients = Arrays.copyOfRange(all, offset, all.length);
        FitResult result = fit.solverResult();
        List<ModelWarning> warnings = new ArrayList<>();
        for (FitWarning warning : fit.warnings()) {
            warnings.add(new ModelWarning(warning.code(), warning.message()));
        }
        TrainingSummary training = new TrainingSummary(result.solver(), result.converged(),
                result.iterations(), result.loss(), result.gradientNorm(), result.lossHistory(),
                result.stopReason().name(), durationMillis, data.numSamples(), data.numFeatures(),
                data.totalWeight(), warnings);
        return new Model(id, name, createdAt, data.featureNames(), intercept, coefficients, options,
                training, statistics(data, fit), metrics(fit.metrics()),
                diagnostics(TrainingDiagnostics.of(data, all)));
    }

    private static Statistics statistics(Dataset data, Fit fit) {
        Inference inference = fit.inference();
        boolean[] aliased = fit.aliased();
        double[] estimates = fit.coefficients();
        List<CoefficientStatistics> rows = new ArrayList<>(aliased.length);
        int kept = 0;
        for (int j = 0; j < aliased.length; j++) {
            String name = data.columnName(j);
            if (aliased[j]) {
                rows.add(new CoefficientStatistics(name, null, null, null, null, null, null));
                continue;
            }
            rows.add(new CoefficientStatistics(name, finite(estimates[j]),
                    finite(inference.standardErrors()[kept]), finite(inference.zValues()[kept]),
                    finite(inference.pValues()[kept]), finite(inference.lower95()[kept]),
                    finite(inference.upper95()[kept])));
            kept++;
        }
        return new Statistics(rows, finite(inference.logLikelihood()), finite(inference.deviance()),
                finite(inference.nullDeviance()), finite(inference.aic()), finite(inference.bic()),
                finite(inference.mcFaddenR2()), finite(inference.likelihoodRatioPValue()),
                inference.rank(), toArray(inference.covariance()));
    }

    private static Metrics metrics(ClassificationMetrics metrics) {
        return new Metrics(metrics.accuracy(), metrics.logLoss(), finite(metrics.rocAuc()),
                metrics.brierScore(), new Metrics.ConfusionMatrix(metrics.truePositives(),
                        metrics.falsePositives(), metrics.trueNegatives(), metrics.falseNegatives()));
    }

    private static Diagnostics diagnostics(TrainingDiagnostics diagnostics) {
        RocCurve roc = diagnostics.roc();
        Diagnostics.Roc curve = roc == null ? new Diagnostics.Roc(new double[0], new double[0])
                : new Diagnostics.Roc(roc.falsePositiveRates(), roc.truePositiveRates());
        CalibrationBins bins = diagnostics.calibration();
        List<Diagnostics.CalibrationBin> calibration = new ArrayList<>(bins.size());
        for (int k = 0; k < bins.size(); k++) {
            calibration.add(new Diagnostics.CalibrationBin(bins.lower()[k], bins.upper()[k],
                    bins.meanPredicted()[k], bins.observedRate()[k], bins.weight()[k], bins.rows()[k]));
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

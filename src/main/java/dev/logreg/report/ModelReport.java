package dev.logreg.report;

import dev.logreg.model.CoefficientStatistics;
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
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Everything the report page shows, printed: the page template only places these strings. The
 * three plots are SVG markup built (and escaped) by {@link ReportPlots}.
 *
 * @param aliased how many coefficients are not defined because of singularities (R's wording)
 * @param estimation which estimates and which covariance the coefficient table shows
 * @param headline the key numbers shown as cards at the top
 * @param fit deviances, information criteria and tests, as R's summary prints them
 * @param interpretation odds ratios with their intervals (and the intervals' type), marginal effects,
 *     the goodness-of-fit tests and VIF; empty for a model stored before they were recorded
 * @param training how the solver ran
 * @param options the effective training options
 * @param provenance the data's hash, the software and the timings; empty for a model stored
 *     before provenance was recorded
 * @param metrics the training metrics
 */
record ModelReport(
        String id,
        String title,
        String createdAt,
        String subtitle,
        boolean converged,
        List<ModelWarning> warnings,
        String estimation,
        List<Entry> headline,
        List<CoefficientRow> coefficients,
        int aliased,
        List<Entry> fit,
        List<Entry> interpretation,
        List<Entry> training,
        List<Entry> options,
        List<Entry> provenance,
        List<Entry> metrics,
        ConfusionMatrix confusion,
        String rocSvg,
        String calibrationSvg,
        String convergenceSvg,
        String coefficientPathSvg,
        String crossValidationSvg,
        String jsonHref) {

    private static final String FIRTH = "firth";

    static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** A labelled value; {@code hint} explains it (shown as a tooltip), or is empty. */
    record Entry(String label, String value, String hint) {
        Entry(String label, String value) {
            this(label, value, "");
        }
    }

    /** One row of the coefficient table; every number is {@code NA} for an aliased coefficient. */
    record CoefficientRow(
            String name,
            String estimate,
            String standardError,
            String zValue,
            String pValue,
            String stars,
            String lower95,
            String upper95,
            boolean aliased) {}

    /** The weighted confusion matrix at threshold 0.5, printed. */
    record ConfusionMatrix(String truePositives, String falseNegatives, String falsePositives, String trueNegatives) {}

    static ModelReport of(Model model) {
        TrainingSummary run = model.training();
        Statistics statistics = shownStatistics(model);
        String title = model.name() == null || model.name().isBlank() ? "Model " + model.id() : model.name();
        boolean firth = FIRTH.equals(model.options().method());
        String subtitle = String.format(
                Locale.ROOT,
                "Logistic regression on %d %s with %d %s, fitted by %s%s",
                run.numSamples(),
                run.numSamples() == 1 ? "sample" : "samples",
                run.numFeatures(),
                run.numFeatures() == 1 ? "feature" : "features",
                run.solver(),
                firth ? " (Firth's bias-reduced fit)" : "");
        return new ModelReport(
                model.id(),
                title,
                CREATED.format(model.createdAt()),
                subtitle,
                run.converged(),
                run.warnings(),
                estimation(model.options()),
                headline(model),
                coefficientRows(statistics),
                aliasedCount(statistics),
                fit(model),
                interpretation(model.statistics()),
                training(run, firth),
                options(model.options()),
                provenance(model.provenance()),
                metrics(model.metrics()),
                confusion(model.metrics().confusionMatrix()),
                ReportPlots.roc(model),
                ReportPlots.calibration(model),
                ReportPlots.convergence(model),
                ReportPlots.coefficientPath(model),
                ReportPlots.crossValidation(model),
                model.links().self());
    }

    /**
     * The model's statistics, or for an elastic net with a lasso part (which has none) its
     * estimates alone, every other number missing.
     */
    private static Statistics shownStatistics(Model model) {
        if (model.statistics() != null) {
            return model.statistics();
        }
        List<CoefficientStatistics> rows = new ArrayList<>();
        if (model.options().fitIntercept()) {
            rows.add(new CoefficientStatistics("(intercept)", model.intercept(), null, null, null, null, null));
        }
        double[] coefficients = model.coefficients();
        int nonzero = model.options().fitIntercept() ? 1 : 0;
        for (int j = 0; j < coefficients.length; j++) {
            rows.add(new CoefficientStatistics(
                    model.featureNames().get(j), coefficients[j], null, null, null, null, null));
            nonzero += coefficients[j] != 0 ? 1 : 0;
        }
        return new Statistics(rows, null, null, null, null, null, null, null, nonzero, null);
    }

    /** The sentence under the coefficient table: which estimates, which standard errors. */
    private static String estimation(TrainingOptions options) {
        String estimates = FIRTH.equals(options.method())
                ? "Firth's bias-reduced estimates (the likelihood penalised by \u00bd log det I(b), as R's brglm2)"
                : "Maximum-likelihood estimates";
        String errors = "model".equals(options.covariance())
                ? "Wald standard errors from the model covariance I(b)\u207b\u00b9"
                : "robust (sandwich) standard errors, " + options.covariance() + " as R's sandwich::vcovHC";
        return estimates + "; " + errors + ", z tests and 95% intervals;";
    }

    private static List<Entry> headline(Model model) {
        Statistics statistics = shownStatistics(model);
        Metrics metrics = model.metrics();
        List<Entry> cards = new ArrayList<>();
        cards.add(
                new Entry("ROC AUC", metrics.rocAuc() == null ? Numbers.MISSING : Numbers.fixed(metrics.rocAuc(), 3)));
        cards.add(new Entry("Accuracy", Numbers.percent(metrics.accuracy())));
        cards.add(new Entry("Residual deviance", value(statistics.deviance(), 5)));
        cards.add(new Entry("AIC", value(statistics.aic(), 5)));
        cards.add(new Entry(
                "McFadden R\u00b2",
                statistics.mcFaddenR2() == null ? Numbers.MISSING : Numbers.fixed(statistics.mcFaddenR2(), 3)));
        return cards;
    }

    private static List<CoefficientRow> coefficientRows(Statistics statistics) {
        List<CoefficientStatistics> rows = statistics.coefficients();
        int n = rows.size();
        double[] estimatesAndErrors = new double[2 * n];
        double[] interval = new double[2 * n];
        double[] z = new double[n];
        double[] p = new double[n];
        for (int j = 0; j < n; j++) {
            CoefficientStatistics row = rows.get(j);
            estimatesAndErrors[j] = orNaN(row.estimate());
            estimatesAndErrors[n + j] = orNaN(row.standardError());
            interval[j] = orNaN(row.lower95());
            interval[n + j] = orNaN(row.upper95());
            z[j] = orNaN(row.zValue());
            p[j] = orNaN(row.pValue());
        }
        // R formats the estimate and standard-error columns together, so they share decimals;
        // the interval's bounds take the same, to read as estimates.
        int decimals = Numbers.decimals(estimatesAndErrors, 4);
        String[] printed = Numbers.print(estimatesAndErrors, decimals, 4);
        String[] bounds = Numbers.print(interval, decimals, 4);
        String[] zPrinted = Numbers.zValues(z);
        String[] pPrinted = Numbers.pValues(p);
        List<CoefficientRow> table = new ArrayList<>(n);
        for (int j = 0; j < n; j++) {
            CoefficientStatistics row = rows.get(j);
            table.add(new CoefficientRow(
                    row.name(),
                    printed[j],
                    printed[n + j],
                    zPrinted[j],
                    pPrinted[j],
                    Numbers.stars(p[j]),
                    bounds[j],
                    bounds[n + j],
                    row.estimate() == null));
        }
        return table;
    }

    private static List<Entry> interpretation(Statistics statistics) {
        List<Entry> entries = new ArrayList<>();
        if (statistics == null) {
            return entries;
        }
        IntervalStatistics intervals = statistics.intervals();
        if (intervals != null) {
            String type = "profile".equals(intervals.type()) ? "profile likelihood" : "Wald";
            entries.add(new Entry(
                    "Intervals",
                    type + ", " + Numbers.significant(100 * intervals.level(), 4) + "%",
                    "options.intervals and options.level; odds ratios are exp of the estimate and of the bounds"));
            List<CoefficientStatistics> rows = statistics.coefficients();
            for (int j = 0; j < rows.size(); j++) {
                CoefficientStatistics row = rows.get(j);
                if (row.estimate() == null) {
                    continue;
                }
                entries.add(new Entry(
                        "Odds ratio: " + row.name(),
                        value(row.oddsRatio(), 4) + " ["
                                + value(intervals.oddsRatioLower().get(j), 4) + ", "
                                + value(intervals.oddsRatioUpper().get(j), 4) + "]"));
            }
        }
        MarginalEffectStatistics effects = statistics.marginalEffects();
        if (effects != null) {
            for (MarginalEffectStatistics.Effect effect : effects.effects()) {
                entries.add(new Entry(
                        "dy/dx (" + effects.at() + "): " + effect.name(),
                        value(effect.dydx(), 4) + " (se " + value(effect.standardError(), 3) + ")",
                        effect.discrete() ? "discrete change from 0 to 1" : "derivative of the probability"));
            }
        }
        GoodnessOfFitStatistics gof = statistics.goodnessOfFit();
        if (gof != null) {
            GoodnessOfFitStatistics.HosmerLemeshow hl = gof.hosmerLemeshow();
            entries.add(new Entry(
                    "Hosmer-Lemeshow",
                    "C = " + value(hl.statistic(), 4) + " on " + hl.df() + " df, p = " + value(hl.pValue(), 3) + " ("
                            + hl.groups() + " groups)",
                    "groups by deciles of the fitted probability, as ResourceSelection::hoslem.test"));
            GoodnessOfFitStatistics.LeCessieVanHouwelingen lc = gof.leCessieVanHouwelingen();
            entries.add(new Entry(
                    "le Cessie-van Houwelingen",
                    "z = " + value(lc.zValue(), 3) + ", p = " + value(lc.pValue(), 3),
                    "unweighted sum of squares test, as rms::residuals.lrm(type = \"gof\")"));
        }
        if (statistics.vif() != null) {
            for (VarianceInflationRow row : statistics.vif()) {
                entries.add(new Entry(
                        "VIF: " + row.term(),
                        value(row.gvif(), 4) + (row.df() > 1 ? " (GVIF, df " + row.df() + ")" : ""),
                        "generalised variance inflation, as car::vif"));
            }
        }
        return entries;
    }

    private static int aliasedCount(Statistics statistics) {
        int aliased = 0;
        for (CoefficientStatistics row : statistics.coefficients()) {
            aliased += row.estimate() == null ? 1 : 0;
        }
        return aliased;
    }

    private static List<Entry> fit(Model model) {
        Statistics statistics = shownStatistics(model);
        int n = model.diagnostics().samplesWithWeight();
        int nullDf = n - (model.options().fitIntercept() ? 1 : 0);
        int residualDf = n - statistics.rank();
        // As R, the two deviances share decimals, unless that needs scientific notation (a
        // residual deviance near 0 after separation): then each is printed on its own.
        double[] deviances = {orNaN(statistics.nullDeviance()), orNaN(statistics.deviance())};
        int decimals = Numbers.decimals(deviances, 5);
        String[] printed = decimals >= 0
                ? Numbers.print(deviances, decimals, 5)
                : new String[] {value(statistics.nullDeviance(), 5), value(statistics.deviance(), 5)};
        List<Entry> entries = new ArrayList<>();
        entries.add(new Entry(
                "Null deviance",
                printed[0] + " on " + nullDf + " degrees of freedom",
                FIRTH.equals(model.options().method())
                        ? "Deviance of the intercept-only Firth fit (of mu = 0.5 without an intercept)"
                        : "Deviance of the intercept-only model (of mu = 0.5 without an intercept)"));
        entries.add(new Entry(
                "Residual deviance",
                printed[1] + " on " + residualDf + " degrees of freedom",
                "-2 (log-likelihood of the fit - log-likelihood of the saturated model)"));
        entries.add(new Entry("AIC", value(statistics.aic(), 5), "-2 log L + 2 p"));
        entries.add(new Entry("BIC", value(statistics.bic(), 5), "-2 log L + p log(sum of weights)"));
        entries.add(new Entry(
                "Log-likelihood", value(statistics.logLikelihood(), 5) + " (df = " + statistics.rank() + ")"));
        entries.add(new Entry(
                "McFadden R\u00b2",
                statistics.mcFaddenR2() == null ? Numbers.MISSING : Numbers.fixed(statistics.mcFaddenR2(), 4),
                "1 - log L / log L of the null model"));
        entries.add(new Entry(
                "Likelihood-ratio test",
                statistics.likelihoodRatioPValue() == null
                        ? Numbers.MISSING
                        : "p = " + Numbers.pValues(new double[] {statistics.likelihoodRatioPValue()})[0],
                "Null deviance - residual deviance against chi-squared with the difference of the degrees of freedom"));
        entries.add(new Entry("Dispersion", "1 (binomial family)"));
        return entries;
    }

    private static List<Entry> training(TrainingSummary run, boolean firth) {
        List<Entry> entries = new ArrayList<>();
        entries.add(new Entry("Solver", run.solver()));
        entries.add(new Entry("Converged", run.converged() ? "yes" : "no"));
        entries.add(new Entry("Stop reason", run.stopReason()));
        entries.add(
                new Entry("sgd".equals(run.solver()) ? "Epochs" : "Iterations", Integer.toString(run.iterations())));
        entries.add(
                firth
                        ? new Entry(
                                "Final loss F(b)",
                                Numbers.significant(run.loss(), 6),
                                "Weighted mean cross-entropy minus log det I(b)"
                                        + " / (2 sum of weights): Firth's penalised loss")
                        : new Entry(
                                "Final loss L(b)",
                                Numbers.significant(run.loss(), 6),
                                "Weighted mean cross-entropy, with the l2 term"));
        entries.add(new Entry("max |grad L|", String.format(Locale.ROOT, "%.3g", run.gradientNorm())));
        entries.add(new Entry("Duration", String.format(Locale.ROOT, "%.1f ms", run.durationMillis())));
        entries.add(new Entry(
                "Samples", run.numSamples() + " rows, total weight " + Numbers.significant(run.totalWeight(), 6)));
        return entries;
    }

    private static List<Entry> options(TrainingOptions options) {
        List<Entry> entries = new ArrayList<>();
        entries.add(new Entry("method", options.method()));
        entries.add(new Entry("covariance", options.covariance()));
        entries.add(new Entry("solver", options.solver()));
        entries.add(new Entry("fitIntercept", Boolean.toString(options.fitIntercept())));
        entries.add(new Entry("l2", compact(options.l2())));
        entries.add(new Entry("tolerance", compact(options.tolerance())));
        if ("sgd".equals(options.solver())) {
            entries.add(new Entry("learningRate", compact(options.learningRate())));
            entries.add(new Entry("batchSize", Integer.toString(options.batchSize())));
            entries.add(new Entry("epochs", Integer.toString(options.epochs())));
            entries.add(new Entry("seed", Long.toString(options.seed())));
        } else {
            entries.add(new Entry("maxIterations", Integer.toString(options.maxIterations())));
        }
        return entries;
    }

    private static List<Entry> provenance(Provenance provenance) {
        List<Entry> entries = new ArrayList<>();
        if (provenance == null) {
            return entries;
        }
        if (provenance.datasetSha256() != null) {
            entries.add(new Entry(
                    "data SHA-256",
                    provenance.datasetSha256(),
                    "Of the data's canonical form " + provenance.canonicalForm()
                            + ": the same data hash alike, JSON or CSV"));
        } else {
            entries.add(
                    new Entry("data SHA-256", "none", "A Spark cluster read the rows; they never reached the service"));
        }
        entries.add(new Entry("source", provenance.source() == null ? "the request" : provenance.source()));
        entries.add(new Entry("service", provenance.serviceVersion()));
        entries.add(new Entry("Java", provenance.javaVersion()));
        entries.add(new Entry("EJML", provenance.ejmlVersion()));
        entries.add(new Entry(
                "fitParallelism",
                Integer.toString(provenance.fitParallelism()),
                "Workers of the row sums (a Spark source's partitions); with the data, options and kernel it"
                        + " fixes the estimates bit for bit"));
        if (provenance.gramKernel() != null) {
            entries.add(new Entry(
                    "X^T W X kernel",
                    provenance.gramKernel(),
                    "The Vector API (java --add-modules jdk.incubator.vector) or scalar Java: they round"
                            + " differently"));
        }
        Provenance.Timings timings = provenance.timings();
        entries.add(new Entry(
                "timings",
                String.format(
                        Locale.ROOT,
                        "read %.1f, hash %.1f, fit %.1f, statistics %.1f, total %.1f ms",
                        timings.parseMillis(),
                        timings.hashMillis(),
                        timings.fitMillis(),
                        timings.statisticsMillis(),
                        timings.totalMillis())));
        return entries;
    }

    private static List<Entry> metrics(Metrics metrics) {
        List<Entry> entries = new ArrayList<>();
        entries.add(new Entry("Accuracy", Numbers.percent(metrics.accuracy()), "At threshold 0.5, weighted"));
        entries.add(new Entry(
                "ROC AUC",
                metrics.rocAuc() == null ? Numbers.MISSING : Numbers.fixed(metrics.rocAuc(), 4),
                "Probability that a positive scores above a negative"));
        entries.add(new Entry("Log-loss", Numbers.fixed(metrics.logLoss(), 4), "Mean cross-entropy, unpenalised"));
        entries.add(new Entry(
                "Brier score", Numbers.fixed(metrics.brierScore(), 4), "Mean squared error of the probabilities"));
        return entries;
    }

    private static ConfusionMatrix confusion(Metrics.ConfusionMatrix matrix) {
        String[] cells = Numbers.column(
                new double[] {
                    matrix.truePositives(), matrix.falseNegatives(), matrix.falsePositives(), matrix.trueNegatives()
                },
                6);
        return new ConfusionMatrix(cells[0], cells[1], cells[2], cells[3]);
    }

    private static String value(Double number, int digits) {
        return number == null ? Numbers.MISSING : Numbers.significant(number, digits);
    }

    /** An option as written in a request: {@code 1e-8}, {@code 0}, {@code 0.5}. */
    private static String compact(double value) {
        if (value != 0 && (Math.abs(value) < 1e-3 || Math.abs(value) >= 1e6)) {
            return String.format(Locale.ROOT, "%.3g", value)
                    .replaceAll("\\.?0+e", "e")
                    .replace("e-0", "e-")
                    .replace("e+0", "e");
        }
        return new java.math.BigDecimal(Double.toString(value))
                .stripTrailingZeros()
                .toPlainString();
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }
}

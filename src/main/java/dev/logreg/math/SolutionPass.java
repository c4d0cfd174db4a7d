package dev.logreg.math;

import dev.logreg.math.kernel.ScoreSums;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * Everything after the fit that reads the rows in memory, in one O(N p) pass at the solution {@code b}: per row the
 * logit {@code u_i = o_i + xhat_i^T b} and the {@link ScoreSums} (the metrics at the threshold, the reliability bins
 * and, given the Newton step at {@code b}, the separation check's extremes); then the logits ranked once give the ROC
 * AUC ({@link ClassificationMetrics#rocAuc}) and the ROC curve ({@link RocCurve}). The rows are cut into one contiguous
 * range per worker, as in {@link LocalRowSums}; each worker adds into a {@link ScoreSums} of its own and writes its
 * rows' logits, so a pass allocates the N logits and nothing per row.
 *
 * @param scores the sums over all rows
 * @param rocAuc NaN when either class has no weight
 * @param roc null when either class has no weight
 */
record SolutionPass(ScoreSums scores, double rocAuc, RocCurve roc) {

    /** Below this many multiply-adds, the fork costs more than it saves. */
    private static final long MIN_WORK_PER_WORKER = 200_000;

    /**
     * The pass over {@code data} at {@code b}; {@code step} is the Newton step at {@code b} (null: no separation
     * check). Nothing passed in is modified.
     *
     * @param parallelism the most workers (1 computes on the calling thread)
     */
    static SolutionPass of(
            Dataset data, double[] b, double[] step, double threshold, ForkJoinPool pool, int parallelism) {
        int n = data.numSamples();
        int p = data.numColumns();
        long work = (long) n * p;
        int workers = (int) Math.max(1, Math.min(parallelism, work / MIN_WORK_PER_WORKER));
        double[] logits = new double[n];
        ScoreSums[] partials = new ScoreSums[workers];
        List<RecursiveAction> tasks = new ArrayList<>(workers);
        for (int worker = 0; worker < workers; worker++) {
            ScoreSums partial = new ScoreSums(p, TrainingDiagnostics.CALIBRATION_BINS, threshold);
            partials[worker] = partial;
            int from = (int) ((long) n * worker / workers);
            int to = (int) ((long) n * (worker + 1) / workers);
            tasks.add(new RecursiveAction() {
                @Override
                protected void compute() {
                    partial.addRows(
                            data.designData(), data.labels(), data.weights(), data.offset(), from, to, b, step, logits);
                }
            });
        }
        if (workers == 1) {
            tasks.get(0).invoke();
        } else {
            pool.invoke(new RecursiveAction() {
                @Override
                protected void compute() {
                    invokeAll(tasks);
                }
            });
        }
        for (int worker = 1; worker < workers; worker++) {
            partials[0].add(partials[worker]);
        }
        // Ranking by the logit keeps apart scores whose probabilities both round to 1.
        int[] order = IndexSort.ascending(logits);
        double[] labels = data.labels();
        double[] weights = data.weights();
        return new SolutionPass(
                partials[0],
                ClassificationMetrics.rocAuc(logits, order, labels, weights),
                RocCurve.of(logits, order, labels, weights, TrainingDiagnostics.MAX_ROC_POINTS));
    }

    /** The metrics at the pass's threshold. */
    ClassificationMetrics metrics(double totalWeight) {
        return ClassificationMetrics.fromSums(scores, totalWeight, rocAuc);
    }

    /** The ROC curve, the reliability bins and the rows of positive weight. */
    TrainingDiagnostics diagnostics() {
        return new TrainingDiagnostics(roc, CalibrationBins.fromSums(scores), (int) scores.samplesWithWeight());
    }
}

package dev.logreg.math;

import dev.logreg.math.kernel.GramKernel;
import dev.logreg.math.kernel.RowBlockSums;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * {@link RowSums} over an in-memory {@link Dataset}: the rows are cut into one contiguous range per
 * worker, each worker adds its range into an accumulator of its own, and the accumulators are
 * reduced. Accumulators are allocated once, so repeated evaluations allocate nothing per row.
 * One instance belongs to one fit: it is not safe to call {@link #compute} concurrently.
 */
public final class LocalRowSums implements RowSums {

    /** Below this many multiply-adds per evaluation, the fork costs more than it saves. */
    private static final long MIN_WORK_PER_WORKER = 200_000;

    private final Dataset data;
    private final ForkJoinPool pool;
    private final RowBlockSums[] partials;
    private final int[] rangeStarts;

    /**
     * @param data the rows
     * @param parallelism the most workers to use (1 computes on the calling thread)
     * @param pool where the workers run
     */
    public LocalRowSums(Dataset data, int parallelism, ForkJoinPool pool) {
        this(data, parallelism, pool, FitKernel.get());
    }

    /** Sums by {@code kernel} (tests and benchmarks compare the kernels). */
    LocalRowSums(Dataset data, int parallelism, ForkJoinPool pool, GramKernel kernel) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
        this.data = data;
        this.pool = pool;
        int numSamples = data.numSamples();
        long work = (long) numSamples * data.numColumns() * data.numColumns();
        int workers = (int) Math.max(1, Math.min(parallelism, work / MIN_WORK_PER_WORKER));
        workers = Math.min(workers, numSamples);
        this.partials = new RowBlockSums[workers];
        this.rangeStarts = new int[workers + 1];
        for (int worker = 0; worker < workers; worker++) {
            partials[worker] = new RowBlockSums(data.numColumns(), kernel);
            rangeStarts[worker] = (int) ((long) numSamples * worker / workers);
        }
        rangeStarts[workers] = numSamples;
    }

    /** A single-threaded instance. */
    public LocalRowSums(Dataset data) {
        this(data, 1, ForkJoinPool.commonPool());
    }

    /** The rows, for mini-batches. */
    Dataset dataset() {
        return data;
    }

    @Override
    public int numColumns() {
        return data.numColumns();
    }

    @Override
    public double totalWeight() {
        return data.totalWeight();
    }

    @Override
    public void compute(double[] b, RowBlockSums.Content content, RowBlockSums result) {
        result.clear();
        if (partials.length == 1) {
            addRows(result, data, null, 0, data.numSamples(), b, content);
            return;
        }
        List<RecursiveAction> tasks = new ArrayList<>(partials.length);
        for (int worker = 0; worker < partials.length; worker++) {
            RowBlockSums partial = partials[worker];
            int from = rangeStarts[worker];
            int to = rangeStarts[worker + 1];
            tasks.add(new RecursiveAction() {
                @Override
                protected void compute() {
                    partial.clear();
                    addRows(partial, data, null, from, to, b, content);
                }
            });
        }
        pool.invoke(new RecursiveAction() {
            @Override
            protected void compute() {
                invokeAll(tasks);
            }
        });
        for (RowBlockSums partial : partials) {
            result.add(partial);
        }
    }

    /**
     * Adds the rows {@code rowOrder[from..to)} (or {@code [from, to)} when {@code rowOrder} is null) of
     * {@code data} (its offset included) at {@code b} to {@code sums}, which must have as many columns.
     * Modifies only {@code sums}.
     */
    static void addRows(
            RowBlockSums sums,
            Dataset data,
            int[] rowOrder,
            int from,
            int to,
            double[] b,
            RowBlockSums.Content content) {
        if (data.numColumns() != sums.numColumns()) {
            throw new IllegalArgumentException("column counts differ");
        }
        sums.addRows(data.designData(), data.labels(), data.weights(), data.offset(), rowOrder, from, to, b, content);
    }
}

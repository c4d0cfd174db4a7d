package dev.logreg.bench;

import dev.logreg.math.Dataset;
import dev.logreg.math.LogisticRegression;
import dev.logreg.math.NewtonSolver;
import dev.logreg.math.SolverOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.concurrent.ForkJoinPool;

/**
 * Run by {@link Benchmark} in a JVM of its own whose {@code -Xmx} is the target (2 x 8 N p + 64
 * MB): loads a dataset, fits it, and prints one line of JSON with the heap in use after loading
 * and the peak over the fit (the sum of the heap pools' peaks, an upper bound: the pools peak at
 * different moments). A fit that does not fit in the heap ends in OutOfMemoryError instead.
 */
public final class HeapProbe {

    private HeapProbe() {}

    public static void main(String[] args) throws Exception {
        Dataset data = BinaryDataset.read(Path.of(args[0]));
        System.gc();
        long afterLoad =
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        ForkJoinPool workers = new ForkJoinPool(2);
        new LogisticRegression(workers, 2).fit(data, 0, new NewtonSolver(), new SolverOptions(100, 1e-8));
        workers.shutdown();
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println("{\"afterLoadBytes\":" + afterLoad + ",\"peakUsedBytes\":" + peak + "}");
    }
}

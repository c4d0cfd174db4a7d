package dev.logreg.spark;

import dev.logreg.math.LabelTotals;
import dev.logreg.math.PartitionedRows;
import dev.logreg.math.RocMerge;
import dev.logreg.math.RowSums;
import dev.logreg.math.kernel.RowBlockSums;
import dev.logreg.math.kernel.ScoreSums;
import dev.logreg.spark.executor.PackedDoubles;
import dev.logreg.spark.executor.PartitionSums;
import dev.logreg.spark.executor.PartitionTotals;
import dev.logreg.spark.executor.RocPartition;
import dev.logreg.spark.executor.ScoredRows;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Training rows in a file a Spark cluster reads, seen through Spark Connect: every pass is one
 * Spark job whose partitions each return one array of sums ({@link PartitionSums}, run on the
 * executors from the executor jar {@link ClusterSession} uploads), added up here in partition order; the ROC
 * AUC and curve rank the rows by score across partitions first ({@link #roc}). The
 * service stays the driver of the fit; nothing but sums crosses the network.
 *
 * <p>One instance per training, on a Spark Connect session of its own ({@link ClusterSession}) so
 * that {@link #cancel} stops only its jobs. Opening reads the
 * schema, checks the columns and runs the first pass ({@link PartitionSums.Pass#TOTALS}), which
 * counts the rows with nulls and refuses labels, weights or features out of range. A CSV source's
 * selected columns are cached on the executors by that pass (parsed once) until {@link #release};
 * a source small enough for the service's memory is pulled whole instead of summed ({@link #pull}).
 */
public final class SparkRows implements PartitionedRows {

    private static final Logger log = LoggerFactory.getLogger(SparkRows.class);
    /** How often the ROC's ranking may be done when executors holding its checkpoint die. */
    private static final int ROC_ATTEMPTS = 3;

    private final SparkSession session;
    private final Dataset<Row> rows;
    private final int numFeatures;
    private final boolean hasIntercept;
    private final List<String> featureNames;
    private final SourceCounts counts;
    private final LabelTotals labelTotals;
    private final Runnable afterPass;
    private final int partitions;
    /** Whether {@link #rows} is persisted on the executors until {@link #release}. */
    private boolean persisted;

    /**
     * Where the rows are and which columns to use.
     *
     * @param uri a path or URI the cluster can read (file:, s3a:, hdfs:, ...)
     * @param format {@code parquet} or {@code csv} (with a header row)
     * @param label the label column
     * @param weight the weight column, or null for weight 1
     * @param features the feature columns, or null for every numeric column but label and weight
     */
    public record Source(String uri, String format, String label, String weight, List<String> features) {

        public Source {
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(label, "label");
            features = features == null ? null : List.copyOf(features);
        }
    }

    /**
     * What the first pass counted.
     *
     * @param rowsRead every row of the source
     * @param rowsWithNulls rows with a null label, weight or feature, left out of the fit
     * @param nullsPerColumn per column with nulls (name to count), in column order
     * @param rowsWithWeight rows of positive weight that are fitted
     */
    public record SourceCounts(
            long rowsRead, long rowsWithNulls, List<ColumnCount> nullsPerColumn, long rowsWithWeight) {

        public SourceCounts {
            nullsPerColumn = List.copyOf(nullsPerColumn);
        }

        /** Rows fitted (without nulls), weight 0 included. */
        public long rowsFitted() {
            return rowsRead - rowsWithNulls;
        }
    }

    /** A column and a count. */
    public record ColumnCount(String column, long count) {}

    private SparkRows(
            SparkSession session,
            Dataset<Row> rows,
            boolean hasIntercept,
            List<String> featureNames,
            SourceCounts counts,
            LabelTotals labelTotals,
            Runnable afterPass,
            int partitions,
            boolean persisted) {
        this.session = session;
        this.rows = rows;
        this.numFeatures = featureNames.size();
        this.hasIntercept = hasIntercept;
        this.featureNames = List.copyOf(featureNames);
        this.counts = counts;
        this.labelTotals = labelTotals;
        this.afterPass = afterPass;
        this.partitions = partitions;
        this.persisted = persisted;
    }

    /**
     * Reads the source's schema, resolves the columns, runs the first pass and checks what it
     * counted; on failure the session is left to the caller to close.
     *
     * @param maxFeatures the most features a model may have (it bounds the p x p sums)
     * @param afterPass called after every pass (the caller's cancellation check)
     * @throws SourceColumnException when a column is missing, not numeric, or holds values out of
     *     range, there are more than {@code maxFeatures}, or no row to fit
     */
    static SparkRows open(
            SparkSession session, Source source, boolean fitIntercept, int maxFeatures, Runnable afterPass) {
        Dataset<Row> frame;
        StructType schema;
        try {
            frame = read(session, source);
            schema = frame.schema();
        } catch (Exception failure) {
            // AnalysisException and SparkException are checked, yet thrown undeclared. Their messages tell a
            // missing file from an unreadable one, and may quote its content.
            if (SparkCluster.unavailable(failure)) {
                throw failure;
            }
            throw new SourceColumnException(
                    "source.uri",
                    "the source cannot be read: it does not exist, the cluster may not read it, or it is not "
                            + ("csv".equals(source.format()) ? "CSV with a header row" : "Parquet"),
                    failure);
        }
        SourceColumns columns = SourceColumns.resolve(schema, source, maxFeatures);
        Dataset<Row> selected = columns.select(frame);
        // A CSV file is parsed once, by the first pass, and its parsed rows kept on the executors:
        // parsing costs each later pass far more than reading them back. Parquet is read again,
        // column by column, and kept out of executor memory (BENCHMARKS.md: 1 GB executors died
        // reading row groups next to a cache).
        boolean persist = source.format().equals("csv");
        if (persist) {
            selected = selected.persist(StorageLevel.MEMORY_AND_DISK());
        }
        SourceCounts counts;
        LabelTotals labelTotals;
        List<PartitionTotals> partitionTotals;
        try {
            partitionTotals = firstPass(selected, columns.features().size());
            afterPass.run();
            PartitionTotals totals = PartitionTotals.none(columns.inputNames().size());
            for (PartitionTotals partition : partitionTotals) {
                totals = totals.plus(partition);
            }
            columns.requireInRange(totals);
            counts = counts(totals, columns);
            labelTotals = labelTotals(totals);
        } catch (Exception failed) {
            // Spark's exceptions are checked yet thrown undeclared: rethrown as they are, the cache released.
            if (persist) {
                unpersist(selected, failed);
            }
            throw failed;
        }
        return new SparkRows(
                session,
                selected,
                fitIntercept,
                columns.features(),
                counts,
                labelTotals,
                afterPass,
                partitionTotals.size(),
                persist);
    }

    /** Releases {@code rows}' cache on the executors; a failure to is added to {@code failed}. */
    private static void unpersist(Dataset<Row> rows, Exception failed) {
        try {
            rows.unpersist();
        } catch (Exception alsoFailed) {
            failed.addSuppressed(alsoFailed);
        }
    }

    private static Dataset<Row> read(SparkSession session, Source source) {
        return switch (source.format()) {
            case "parquet" -> session.read().parquet(source.uri());
            case "csv" ->
                session.read()
                        .option("header", "true")
                        .option("inferSchema", "true")
                        .csv(source.uri());
            default -> throw new IllegalArgumentException("unknown format " + source.format());
        };
    }

    /** One Spark job: each partition's {@link PartitionTotals}, in partition order. */
    private static List<PartitionTotals> firstPass(Dataset<Row> selected, int numFeatures) {
        List<PartitionTotals> totals = new ArrayList<>();
        for (byte[] partition : selected.mapPartitions(PartitionSums.totals(numFeatures), Encoders.BINARY())
                .collectAsList()) {
            totals.add(PartitionTotals.unpack(PackedDoubles.fromBytes(partition)));
        }
        return totals;
    }

    /**
     * The source's counts, with the nulls of each input column that has any.
     *
     * @throws SourceColumnException when every row has a null
     */
    private static SourceCounts counts(PartitionTotals totals, SourceColumns columns) {
        List<String> names = columns.inputNames();
        List<ColumnCount> nulls = new ArrayList<>();
        for (int k = 0; k < names.size(); k++) {
            long count = totals.nullsPerColumn().get(k);
            if (count > 0) {
                nulls.add(new ColumnCount(names.get(k), count));
            }
        }
        SourceCounts counts = new SourceCounts(totals.rows(), totals.rowsWithNulls(), nulls, totals.rowsWithWeight());
        if (counts.rowsFitted() == 0) {
            throw new SourceColumnException(
                    "source",
                    "no row without nulls to fit: " + counts.rowsRead() + " row(s) read, every one has a null in"
                            + " one of the " + nulls.size() + " input column(s) with nulls");
        }
        return counts;
    }

    /**
     * The label totals of the rows to fit.
     *
     * @throws SourceColumnException when the weights' sum is not positive and finite, or there are
     *     more rows than an int counts
     */
    private static LabelTotals labelTotals(PartitionTotals totals) {
        double totalWeight = totals.weightSum();
        if (!(totalWeight > 0 && totalWeight < Double.POSITIVE_INFINITY)) {
            throw new SourceColumnException("source.weight", "the weights must have a positive, finite sum");
        }
        if (totals.rows() - totals.rowsWithNulls() > Integer.MAX_VALUE) {
            throw new SourceColumnException("source", "more than " + Integer.MAX_VALUE + " rows");
        }
        return new LabelTotals(totalWeight, totals.labelSum(), totals.entropySum());
    }

    /** The partitions each pass sums apart (and adds in their order). */
    public int partitions() {
        return partitions;
    }

    public SourceCounts counts() {
        return counts;
    }

    @Override
    public int numColumns() {
        return numFeatures + (hasIntercept ? 1 : 0);
    }

    @Override
    public boolean hasIntercept() {
        return hasIntercept;
    }

    @Override
    public List<String> featureNames() {
        return featureNames;
    }

    @Override
    public LabelTotals labelTotals() {
        return labelTotals;
    }

    @Override
    public RowSums rowSums(int[] keptColumns) {
        int[] kept = keptColumns.clone();
        double totalWeight = labelTotals.totalWeight();
        return new RowSums() {
            @Override
            public int numColumns() {
                return kept.length;
            }

            @Override
            public double totalWeight() {
                return totalWeight;
            }

            /** One Spark job: each partition's packed {@link RowBlockSums}, added in partition order. */
            @Override
            public void compute(double[] b, RowBlockSums.Content content, RowBlockSums result) {
                result.clear();
                for (double[] partition : run(PartitionSums.rowSums(numFeatures, hasIntercept, kept, b, content))) {
                    result.addPacked(partition, 0);
                }
            }
        };
    }

    @Override
    public ScoreSums scoreSums(int[] keptColumns, double[] b, double[] step, int numBins, double threshold) {
        ScoreSums sums = new ScoreSums(keptColumns.length, numBins, threshold);
        for (double[] partition :
                run(PartitionSums.scores(numFeatures, hasIntercept, keptColumns, b, step, numBins, threshold))) {
            sums.addPacked(partition, 0);
        }
        return sums;
    }

    /**
     * Ranks the rows of positive weight by their logit at {@code b} across the cluster: {@link
     * ScoredRows} on each partition, then Spark cuts them into as many partitions as the source by
     * score range (bounds from a sample; tied scores share a partition) and sorts each, decreasing.
     * The scored rows are cached while Spark samples and cuts them, so the source is read once; the
     * ranked rows are checkpointed on the executors, so that both passes read the same
     * partitions: one {@link RocPartition#summaries()} job, then (when both classes have weight)
     * one {@link RocPartition#vertices} job; nothing but a summary and at most {@code maxPoints}
     * vertices per partition reach the service.
     *
     * <p>A checkpoint on the executors is lost with an executor, and Spark cannot compute it again:
     * then the ranking starts over, at most {@link #ROC_ATTEMPTS} times in all.
     */
    @Override
    public RocMerge.Result roc(int[] keptColumns, double[] b, int maxPoints) {
        for (int attempt = 1; ; attempt++) {
            try {
                return rankedRoc(keptColumns, b, maxPoints);
            } catch (Exception failure) {
                // Spark's exceptions are checked yet thrown undeclared: this rethrows them as they are.
                if (attempt >= ROC_ATTEMPTS || !lostCheckpoint(failure)) {
                    throw failure;
                }
                log.info(
                        "The ROC's ranked rows lost checkpoint blocks with an executor; ranking them again"
                                + " (attempt {} of {})",
                        attempt + 1,
                        ROC_ATTEMPTS);
            }
        }
    }

    /** Whether {@code failure} says that blocks of a checkpoint on the executors are gone. */
    private static boolean lostCheckpoint(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && cause.getMessage().contains("CHECKPOINT_RDD_BLOCK_ID_NOT_FOUND")) {
                return true;
            }
        }
        return false;
    }

    private RocMerge.Result rankedRoc(int[] keptColumns, double[] b, int maxPoints) {
        Column score = functions.col(ScoredRows.SCORE);
        // Cached: the range bounds' sample and the shuffle would each read and score the source.
        // On disk only, both this and the checkpoint: held in executor memory they left too little
        // for reading Parquet row groups, and 1 GB executors died of it on 20M x 50 (BENCHMARKS.md).
        Dataset<Row> scored = rows.mapPartitions(
                        new ScoredRows(numFeatures, hasIntercept, keptColumns, b), Encoders.row(ScoredRows.SCHEMA))
                .persist(StorageLevel.DISK_ONLY());
        Dataset<Row> ranked;
        try {
            ranked = scored.repartitionByRange(partitions, score)
                    .sortWithinPartitions(score.desc())
                    .localCheckpoint(true, StorageLevel.DISK_ONLY());
        } catch (Exception failed) {
            // The job's failure is what the caller must see, not a failed release after it. Spark's
            // SparkException is checked yet thrown undeclared: caught here too, rethrown as it is.
            try {
                scored.unpersist();
            } catch (Exception alsoFailed) {
                failed.addSuppressed(alsoFailed);
            }
            throw failed;
        }
        scored.unpersist();
        afterPass.run();
        RocMerge merge = new RocMerge(run(ranked, RocPartition.summaries()), maxPoints);
        if (!merge.hasCurve()) {
            return new RocMerge.Result(merge.auc(), null);
        }
        return new RocMerge.Result(merge.auc(), merge.curve(run(ranked, RocPartition.vertices(merge.plans()))));
    }

    private List<double[]> run(MapPartitionsFunction<Row, byte[]> pass) {
        return run(rows, pass);
    }

    private List<double[]> run(Dataset<Row> input, MapPartitionsFunction<Row, byte[]> pass) {
        List<double[]> results = new ArrayList<>();
        for (byte[] partition : input.mapPartitions(pass, Encoders.BINARY()).collectAsList()) {
            results.add(PackedDoubles.fromBytes(partition));
        }
        afterPass.run();
        return results;
    }

    /**
     * The bytes the rows to fit take in the service's memory as an in-memory {@link
     * dev.logreg.math.Dataset}: the design, the labels and the weights, 8 bytes a value. Pulling them
     * ({@link #pull}) holds about twice as much more for a moment (each partition's rows as they
     * arrive).
     */
    public long bytesInMemory() {
        return counts.rowsFitted() * (numColumns() + 2L) * Double.BYTES;
    }

    /**
     * The rows to fit (the rows without nulls), pulled into the service in one Spark job, in
     * partition order, as the in-memory fit reads them; the rows' cache on the executors, if any,
     * is released. For a source whose {@link #bytesInMemory} the service can hold: the fit then
     * costs no Spark job per pass.
     *
     * @throws IllegalStateException when the source no longer has the rows the first pass counted
     *     (it changed while the training read it)
     */
    public dev.logreg.math.Dataset pull() {
        long rowsFitted = counts.rowsFitted();
        int p = numColumns();
        if (rowsFitted * p > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException(rowsFitted + " rows of " + p + " columns are more than one array holds");
        }
        int n = (int) rowsFitted;
        int inputColumns = numFeatures + 2;
        int offset = hasIntercept ? 1 : 0;
        double[] design = new double[n * p];
        double[] labels = new double[n];
        double[] weights = new double[n];
        int row = 0;
        for (double[] partition : run(PartitionSums.rows(numFeatures))) {
            if (row + partition.length / inputColumns > n) {
                throw new IllegalStateException("the source has more rows without nulls than its first pass counted ("
                        + n + "): it changed while the training read it");
            }
            for (int start = 0; start < partition.length; start += inputColumns, row++) {
                labels[row] = partition[start];
                weights[row] = partition[start + 1];
                if (hasIntercept) {
                    design[row * p] = 1;
                }
                System.arraycopy(partition, start + 2, design, row * p + offset, numFeatures);
            }
        }
        if (row != n) {
            throw new IllegalStateException("the source has " + row + " rows without nulls, its first pass counted " + n
                    + ": it changed while the training read it");
        }
        release();
        return new dev.logreg.math.Dataset(design, n, p, hasIntercept, labels, weights, featureNames);
    }

    /**
     * Releases the rows' cache on the executors, if they are cached and it was not released yet;
     * no pass may run after it. Called when the training ends ({@link ClusterSession#close}).
     */
    void release() {
        if (persisted) {
            persisted = false;
            rows.unpersist();
        }
    }

    /** Interrupts this training's running Spark jobs; the pass in progress then throws. */
    public void cancel() {
        session.interruptAll();
    }
}

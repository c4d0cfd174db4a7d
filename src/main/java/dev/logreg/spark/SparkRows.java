package dev.logreg.spark;

import dev.logreg.math.LabelTotals;
import dev.logreg.math.PartitionedRows;
import dev.logreg.math.RocMerge;
import dev.logreg.math.RowBlockSums;
import dev.logreg.math.RowSums;
import dev.logreg.math.ScoreSums;
import dev.logreg.spark.executor.PartitionSums;
import dev.logreg.spark.executor.RocPartition;
import dev.logreg.spark.executor.ScoredRows;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connect.client.SparkConnectClient;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Training rows in a file a Spark cluster reads, seen through Spark Connect: every pass is one
 * Spark job whose partitions each return one array of sums ({@link PartitionSums}, run on the
 * executors from the executor jar this class uploads), added up here in partition order; the ROC
 * AUC and curve rank the rows by score across partitions first ({@link #roc}). The
 * service stays the driver of the fit; nothing but sums crosses the network.
 *
 * <p>One instance per training, on a Spark Connect session of its own ({@link #connect}) so that
 * {@link #cancel} stops only its jobs; the caller closes the session, once ({@link #close(SparkSession)}:
 * a second close waits minutes for a channel already shut down). Opening reads the
 * schema, checks the columns and runs the first pass ({@link PartitionSums.Pass#TOTALS}), which
 * counts the rows with nulls and refuses labels, weights or features out of range.
 */
public final class SparkRows implements PartitionedRows {

    /** The executor jar inside the service's jar, built by Maven (pom.xml, executor-jar). */
    static final String EXECUTOR_JAR_RESOURCE = "/dev/logreg/spark/logreg-spark-executor.jar";
    /** The port Spark Connect listens on unless told otherwise. */
    private static final int DEFAULT_PORT = 15002;

    private static final Logger log = LoggerFactory.getLogger(SparkRows.class);
    /** How often the ROC's ranking may be done when executors holding its checkpoint die. */
    private static final int ROC_ATTEMPTS = 3;
    /** How long reaching the server may take before a job fails. */
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private final SparkSession session;
    private final Dataset<Row> rows;
    private final int numFeatures;
    private final boolean hasIntercept;
    private final List<String> featureNames;
    private final SourceCounts counts;
    private final LabelTotals labelTotals;
    private final Runnable afterPass;
    private final int partitions;

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
            int partitions) {
        this.session = session;
        this.rows = rows;
        this.numFeatures = featureNames.size();
        this.hasIntercept = hasIntercept;
        this.featureNames = List.copyOf(featureNames);
        this.counts = counts;
        this.labelTotals = labelTotals;
        this.afterPass = afterPass;
        this.partitions = partitions;
    }

    /**
     * A Spark Connect session of its own on {@code remote} ({@code sc://host:port}), with the executor jar added.
     *
     * @param deadlines the deadline every call of this session gets
     * @param retryTime how long the client retries a server that is unavailable (refuses
     *     connections, say) before the call fails; Spark's default is more than 10 minutes
     * @throws UncheckedIOException when nothing answers at that address within
     *     {@link #CONNECT_TIMEOUT_MILLIS}: the client itself would retry for minutes
     */
    public static SparkSession connect(String remote, CallDeadlines deadlines, Duration retryTime) {
        requireReachable(remote);
        SparkConnectClient client = SparkConnectClient.builder()
                .connectionString(remote)
                .interceptor(deadlines)
                .retryPolicy(UnavailableRetries.policy(retryTime))
                .build();
        SparkSession session = org.apache.spark.sql.connect.SparkSession.builder()
                .client(client)
                .create();
        try (InputStream jar = SparkRows.class.getResourceAsStream(EXECUTOR_JAR_RESOURCE)) {
            if (jar == null) {
                throw new IllegalStateException("the executor jar " + EXECUTOR_JAR_RESOURCE
                        + " is missing from the classpath: build with Maven (process-classes)");
            }
            ((org.apache.spark.sql.connect.SparkSession) session)
                    .addArtifact(jar.readAllBytes(), "logreg-spark-executor.jar");
        } catch (IOException | RuntimeException failed) {
            close(session);
            if (failed instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw (RuntimeException) failed;
        }
        return session;
    }

    /** Opens and closes a TCP connection to the server of {@code remote} (port 15002 when none is given). */
    static void requireReachable(String remote) {
        URI address = URI.create(remote.split(";", 2)[0]);
        String host = address.getHost();
        int port = address.getPort() < 0 ? DEFAULT_PORT : address.getPort();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
        } catch (IOException unreachable) {
            throw new UncheckedIOException(
                    "the Spark Connect server at " + host + ":" + port + " cannot be reached ("
                            + unreachable.getMessage() + ")",
                    unreachable);
        }
    }

    /** Closes a session, releasing what the server holds for it. */
    public static void close(SparkSession session) {
        try {
            session.close();
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    /**
     * Reads the source's schema, checks the columns, and runs the first pass; on failure the
     * session is left to the caller to close.
     *
     * @param maxFeatures the most features a model may have (it bounds the p x p sums)
     * @param afterPass called after every pass (the caller's cancellation check)
     * @throws SourceColumnException when a column is missing, not numeric, or holds values out of
     *     range, or there are more than {@code maxFeatures}
     */
    public static SparkRows open(
            SparkSession session, Source source, boolean fitIntercept, int maxFeatures, Runnable afterPass) {
        Dataset<Row> frame = switch (source.format()) {
            case "parquet" -> session.read().parquet(source.uri());
            case "csv" ->
                session.read()
                        .option("header", "true")
                        .option("inferSchema", "true")
                        .csv(source.uri());
            default -> throw new IllegalArgumentException("unknown format " + source.format());
        };
        StructType schema = frame.schema();
        StructField label = numericField(schema, source.label(), "source.label", true);
        StructField weight =
                source.weight() == null ? null : numericField(schema, source.weight(), "source.weight", false);
        List<String> features = new ArrayList<>();
        if (source.features() == null) {
            for (StructField field : schema.fields()) {
                if (field.dataType() instanceof NumericType
                        && !field.name().equals(label.name())
                        && (weight == null || !field.name().equals(weight.name()))) {
                    features.add(field.name());
                }
            }
            if (features.isEmpty()) {
                throw new SourceColumnException(
                        "source.features",
                        "the source has no numeric column" + " besides the label and the weight; its columns are "
                                + describe(schema));
            }
        } else {
            for (int k = 0; k < source.features().size(); k++) {
                String name = source.features().get(k);
                StructField field = numericField(schema, name, "source.features[" + k + "]", false);
                if (field.name().equals(label.name())
                        || (weight != null && field.name().equals(weight.name()))) {
                    throw new SourceColumnException(
                            "source.features[" + k + "]", "'" + name + "' is the label or the weight column");
                }
                features.add(field.name());
            }
        }
        if (features.size() > maxFeatures) {
            throw new SourceColumnException(
                    "source.features",
                    features.size() + " feature columns; the limit is" + " logreg.max-features = " + maxFeatures);
        }
        List<Column> columns = new ArrayList<>();
        columns.add(column(label.name()).cast("double"));
        columns.add(weight == null ? functions.lit(1.0) : column(weight.name()).cast("double"));
        for (String feature : features) {
            columns.add(column(feature).cast("double"));
        }
        Dataset<Row> selected = frame.select(columns.toArray(new Column[0]));
        double[] totals = new double[PartitionSums.totalsLength(features.size())];
        List<byte[]> partitionTotals = selected.mapPartitions(PartitionSums.totals(features.size()), Encoders.BINARY())
                .collectAsList();
        for (byte[] partition : partitionTotals) {
            double[] values = PartitionSums.unpack(partition);
            for (int k = 0; k < totals.length; k++) {
                totals[k] += values[k];
            }
        }
        afterPass.run();
        List<String> inputNames = new ArrayList<>();
        inputNames.add(label.name());
        inputNames.add(weight == null ? "(weight)" : weight.name());
        inputNames.addAll(features);
        int columnCount = inputNames.size();
        int nullsAt = 2;
        int labelTotalsAt = nullsAt + columnCount;
        int outOfRangeAt = labelTotalsAt + 4;
        List<ColumnCount> nulls = new ArrayList<>();
        for (int k = 0; k < columnCount; k++) {
            if (totals[nullsAt + k] > 0) {
                nulls.add(new ColumnCount(inputNames.get(k), (long) totals[nullsAt + k]));
            }
        }
        for (int k = 0; k < columnCount; k++) {
            long bad = (long) totals[outOfRangeAt + k];
            if (bad > 0) {
                String field = k == 0 ? "source.label" : k == 1 ? "source.weight" : "source.features";
                String rule = k == 0 ? "a label in [0, 1]" : k == 1 ? "a finite weight >= 0" : "a finite number";
                throw new SourceColumnException(
                        field, "column '" + inputNames.get(k) + "' has " + bad + " row(s) without " + rule);
            }
        }
        SourceCounts counts =
                new SourceCounts((long) totals[0], (long) totals[1], nulls, (long) totals[labelTotalsAt + 3]);
        if (counts.rowsFitted() == 0) {
            throw new SourceColumnException(
                    "source",
                    "no row without nulls to fit: " + counts.rowsRead()
                            + " row(s) read, every one has a null (nulls per column: " + nulls + ")");
        }
        double totalWeight = totals[labelTotalsAt];
        if (!(totalWeight > 0 && totalWeight < Double.POSITIVE_INFINITY)) {
            throw new SourceColumnException("source.weight", "the weights must have a positive, finite sum");
        }
        if (counts.rowsFitted() > Integer.MAX_VALUE) {
            throw new SourceColumnException("source", "more than " + Integer.MAX_VALUE + " rows");
        }
        LabelTotals labelTotals = new LabelTotals(totalWeight, totals[labelTotalsAt + 1], totals[labelTotalsAt + 2]);
        return new SparkRows(
                session, selected, fitIntercept, features, counts, labelTotals, afterPass, partitionTotals.size());
    }

    /** A column by its exact name, whatever characters it holds. */
    private static Column column(String name) {
        return functions.col("`" + name.replace("`", "``") + "`");
    }

    private static StructField numericField(StructType schema, String name, String field, boolean booleanAllowed) {
        for (StructField candidate : schema.fields()) {
            if (candidate.name().equals(name)) {
                boolean numeric = candidate.dataType() instanceof NumericType
                        || (booleanAllowed && candidate.dataType() instanceof BooleanType);
                if (!numeric) {
                    throw new SourceColumnException(
                            field,
                            "column '" + name + "' is " + candidate.dataType().simpleString() + ", not numeric");
                }
                return candidate;
            }
        }
        throw new SourceColumnException(
                field, "no column '" + name + "' in the source; its columns are " + describe(schema));
    }

    private static String describe(StructType schema) {
        List<String> names = new ArrayList<>();
        for (StructField field : schema.fields()) {
            names.add(field.name() + " (" + field.dataType().simpleString().toLowerCase(Locale.ROOT) + ")");
        }
        return String.join(", ", names);
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
            results.add(PartitionSums.unpack(partition));
        }
        afterPass.run();
        return results;
    }

    /** Interrupts this training's running Spark jobs; the pass in progress then throws. */
    public void cancel() {
        session.interruptAll();
    }
}

package dev.logreg.model;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Objects;

/**
 * Where a model came from: enough to refit it to the same bits from the same data.
 *
 * @param datasetSha256 SHA-256 of the data's canonical form ({@code dev.logreg.math.DatasetDigest});
 *     null for a source a Spark cluster read, whose rows never reach the service
 * @param canonicalForm the version of that canonical form; null with the hash
 * @param source where the data were read from (a URI), or null when they came in the request
 * @param numSamples N, the rows, zero-weight rows included
 * @param numFeatures d
 * @param totalWeight the sum of the weights
 * @param serviceVersion this service's version, from its build
 * @param javaVersion the runtime's version and vendor
 * @param ejmlVersion the linear-algebra library's version
 * @param fitParallelism the most workers one fit's row sums use ({@code logreg.fit-parallelism});
 *     the rows are cut into one contiguous range per worker, so sums, and with them the last bits
 *     of the estimates, depend on it
 * @param gramKernel the kernel of the fit's X^T W X sums in the service's JVM: the Vector API when java
 *     ran with {@code --add-modules jdk.incubator.vector}, else scalar Java; the two round differently,
 *     so the last bits depend on it too. Null for a source (a cluster's executors summed the rows) and
 *     for models stored before it was recorded
 * @param options the effective options, defaults filled in
 * @param timings how long each step took
 */
@Schema(
        description = "Where the model came from: the data's hash, the software, the options and the timings;"
                + " the same data, options, fitParallelism and gramKernel give the same model bit for bit")
public record Provenance(
        @Schema(
                description = "SHA-256 (hex) of the data's canonical form: the ASCII bytes logreg-dataset-v1,"
                        + " N and d as big-endian int32, each feature name as its UTF-8 length (int32) and bytes,"
                        + " then the features row by row, the labels and the weights (1 when not given) as"
                        + " big-endian IEEE 754 doubles (-0 as 0); the same data sent as JSON or CSV hash alike. Null"
                        + " for a source a Spark cluster read (its rows never reach the service)",
                types = {"string", "null"},
                example = "9b1f0c5e...")
        String datasetSha256,

        @Schema(
                types = {"string", "null"},
                example = "logreg-dataset-v1")
        String canonicalForm,

        @Schema(
                types = {"string", "null"},
                description = "URI the data were read from; null for data sent in" + " the request",
                example = "null")
        String source,

        @Schema(example = "32") int numSamples,
        @Schema(example = "2") int numFeatures,
        @Schema(example = "32") double totalWeight,
        @Schema(example = "0.1.0") String serviceVersion,
        @Schema(example = "17.0.15+6 (Eclipse Adoptium)") String javaVersion,
        @Schema(example = "0.46.1") String ejmlVersion,

        @Schema(
                description = "the most workers a fit's row sums use (logreg.fit-parallelism): rows are cut"
                        + " into one contiguous range per worker, so the last bits of the estimates depend on it",
                example = "2")
        int fitParallelism,

        @Schema(
                types = {"string", "null"},
                description = "the X^T W X kernel of the fit's sums: the Vector API (java --add-modules"
                        + " jdk.incubator.vector) or scalar Java, which round differently; null for a source a Spark"
                        + " cluster read",
                example = "Vector API, 4 doubles per vector")
        String gramKernel,

        TrainingOptions options,
        Timings timings) {

    public Provenance {
        if ((datasetSha256 == null) != (canonicalForm == null)) {
            throw new IllegalArgumentException("a hash needs its canonical form, and only then");
        }
        Objects.requireNonNull(serviceVersion, "serviceVersion");
        Objects.requireNonNull(javaVersion, "javaVersion");
        Objects.requireNonNull(ejmlVersion, "ejmlVersion");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(timings, "timings");
    }

    /**
     * Wall-clock milliseconds of each step of a training.
     *
     * @param parseMillis reading and checking the body into the dense dataset
     * @param hashMillis the dataset's SHA-256
     * @param fitMillis the rank check and the solver
     * @param statisticsMillis the separation check, the statistics, the metrics and the diagnostics
     * @param totalMillis from the start of reading the body to the finished model (before it is stored)
     */
    @Schema(description = "Wall-clock milliseconds of each step of the training")
    public record Timings(
            @Schema(description = "reading and checking the body", example = "1.2")
            double parseMillis,

            @Schema(description = "the dataset's SHA-256", example = "0.1")
            double hashMillis,

            @Schema(description = "the rank check and the solver", example = "1.9")
            double fitMillis,

            @Schema(description = "separation check, statistics, metrics and diagnostics", example = "0.4")
            double statisticsMillis,

            @Schema(
                    description = "from the start of reading to the finished model, before it is stored",
                    example = "3.8")
            double totalMillis) {}
}

package dev.logreg.training;

import dev.logreg.config.LogregProperties;
import dev.logreg.math.DegenerateDataException;
import dev.logreg.problem.ApiProblems;
import dev.logreg.problem.FieldError;
import dev.logreg.problem.StoreFullException;
import dev.logreg.spark.SourceColumnException;
import dev.logreg.spark.SparkCluster;
import java.util.List;

/**
 * The problem a failed training on a source reports: the request's fault, the data's, the store's, or the
 * cluster's.
 */
final class SourceJobFailures {

    private final LogregProperties.Spark spark;
    private final SparkCluster cluster;

    SourceJobFailures(LogregProperties.Spark spark, SparkCluster cluster) {
        this.spark = spark;
        this.cluster = cluster;
    }

    /** Whether {@code failure} is the request's or the data's fault, which the service need not log. */
    static boolean expected(Throwable failure) {
        return failure instanceof SourceColumnException || failure instanceof DegenerateDataException;
    }

    /**
     * The problem of a job that failed with {@code failure}; {@code deadlinePassed} when its calls to
     * the server were cut at its deadline, whatever they threw then.
     */
    TrainingJob.JobError describe(Throwable failure, boolean deadlinePassed) {
        if (deadlinePassed) {
            return timedOut();
        }
        if (failure instanceof SourceColumnException column) {
            return new TrainingJob.JobError(
                    ApiProblems.INVALID_REQUEST,
                    "Invalid source",
                    column.getMessage(),
                    List.of(new FieldError(column.field(), column.getMessage())));
        }
        if (failure instanceof DegenerateDataException unfittable) {
            return new TrainingJob.JobError(
                    ApiProblems.UNFITTABLE_DATA, "Data admit no model", unfittable.getMessage(), List.of());
        }
        if (failure instanceof StoreFullException full) {
            return new TrainingJob.JobError(
                    ApiProblems.SERVICE_UNAVAILABLE, "Model store full", full.getMessage(), List.of());
        }
        return new TrainingJob.JobError(
                ApiProblems.SPARK_FAILURE,
                "Spark job failed",
                "The training on the Spark cluster failed and no model was stored: " + cluster.failureDetail(failure),
                List.of());
    }

    /** The problem of a job that ran past its time limit and grace period: its calls to the server were cut. */
    private TrainingJob.JobError timedOut() {
        return new TrainingJob.JobError(
                ApiProblems.SPARK_FAILURE,
                "Spark job timed out",
                "The training did not end"
                        + " within logreg.spark.time-limit (" + spark.timeLimit() + ") and logreg.spark.grace-period ("
                        + spark.gracePeriod() + ") after it started: the Spark Connect server at " + spark.remote()
                        + " stopped answering, or a pass took that long. Its calls were ended and no model was stored.",
                List.of());
    }
}

package dev.logreg.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SparkMessageTest {

    @Test
    void aFailedJobShowsTheFirstLineOfSparksMessageWithoutTheClassNamesItWraps() {
        assertThat(SparkCluster.oneLine("""
                Job aborted due to stage failure: Task 1 in stage 23.0 failed 4 times, most recent failure: \
                Lost task 1.3 (127.0.0.1 executor 7): ExecutorLostFailure (executor 7 exited)
                Driver stacktrace:
                \tat org.apache.spark.scheduler.DAGScheduler.failJobAndIndependentStages(DAGScheduler.scala:2935)"""))
                .isEqualTo("Job aborted due to stage failure: Task 1 in stage 23.0 failed 4 times, most recent"
                        + " failure: Lost task 1.3 (127.0.0.1 executor 7): ExecutorLostFailure (executor 7 exited)");
        assertThat(SparkCluster.oneLine(
                        "org.sparkproject.io.grpc.StatusRuntimeException: UNAVAILABLE: io" + " exception"))
                .isEqualTo("UNAVAILABLE: io exception");
        assertThat(SparkCluster.oneLine(
                        "[PATH_NOT_FOUND] Path does not exist: file:/tmp/x.parquet." + " SQLSTATE: 42K03"))
                .isEqualTo("[PATH_NOT_FOUND] Path does not exist: file:/tmp/x.parquet." + " SQLSTATE: 42K03");
        assertThat(SparkCluster.oneLine("x".repeat(3000))).hasSize(2004).endsWith(" ...");
        assertThat(SparkCluster.oneLine(null)).isEqualTo("no message");
    }
}

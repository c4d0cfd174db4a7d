package dev.logreg.problem;

/** No training job with this id (404): never submitted, or forgotten past logreg.spark.max-jobs. */
public final class JobNotFoundException extends RuntimeException {

    private final String jobId;

    public JobNotFoundException(String jobId) {
        super("no job " + jobId);
        this.jobId = jobId;
    }

    public String jobId() {
        return jobId;
    }
}

package dev.logreg.training;

import dev.logreg.model.TrainingOptions;
import dev.logreg.spark.SparkRows;
import java.util.Objects;

/**
 * A validated training request on a file the Spark cluster reads.
 *
 * @param name the model's name, may be null
 * @param source the file and its columns
 * @param options the effective options (the solver is newton)
 */
record SourceTrainingInput(String name, SparkRows.Source source, TrainingOptions options) implements TrainingRequest {

    SourceTrainingInput {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(options, "options");
    }
}

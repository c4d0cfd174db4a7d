package dev.logreg.training;

import dev.logreg.math.Dataset;
import dev.logreg.model.TrainingOptions;
import java.util.Objects;

/**
 * A validated training request.
 *
 * @param name the model's name, may be null
 * @param dataset the data, with the intercept column when {@code options.fitIntercept()}
 * @param options the effective options
 */
record TrainingInput(String name, Dataset dataset, TrainingOptions options) {

    TrainingInput {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(options, "options");
    }
}

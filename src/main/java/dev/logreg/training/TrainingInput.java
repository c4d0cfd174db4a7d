package dev.logreg.training;

import dev.logreg.design.Design;
import dev.logreg.math.Dataset;
import dev.logreg.model.TrainingOptions;
import java.util.Objects;

/**
 * A validated training request.
 *
 * @param name the model's name, may be null
 * @param dataset the data, with the intercept column when {@code options.fitIntercept()}
 * @param options the effective options
 * @param source the URI the data were read from, recorded in the model's provenance; null when the
 *     data came in the request
 * @param design how a table was coded by a formula into {@code dataset}; null for rows of numbers
 */
record TrainingInput(String name, Dataset dataset, TrainingOptions options, String source, Design design)
        implements TrainingRequest {

    TrainingInput {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(options, "options");
    }

    /** Data sent in the request itself. */
    TrainingInput(String name, Dataset dataset, TrainingOptions options) {
        this(name, dataset, options, null, null);
    }

    TrainingInput(String name, Dataset dataset, TrainingOptions options, String source) {
        this(name, dataset, options, source, null);
    }
}

package dev.logreg.math;

import dev.logreg.math.kernel.LogisticFunctions;
import java.util.Arrays;
import java.util.Optional;

/** What cross-validation measures on the held-out rows, as glmnet's {@code type.measure}. */
public enum CrossValidationMeasure {
    /**
     * Binomial deviance {@code 2 (y log y + (1 - y) log(1 - y) - y log p - (1 - y) log(1 - p))}, p
     * clamped to [1e-5, 1 - 1e-5] as {@code cv.lognet}.
     */
    DEVIANCE("deviance"),
    /** The area under the ROC curve of each fold (tied predictions count half); larger is better. */
    AUC("auc"),
    /** Misclassification at 0.5: {@code (1 - y) [p > 1/2] + y [p <= 1/2]}. */
    CLASS("class"),
    /** Squared error over both classes' probabilities, {@code 2 (y - p)^2}, as {@code cv.lognet}. */
    MSE("mse");

    private final String jsonName;

    CrossValidationMeasure(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name in requests and models. */
    public String jsonName() {
        return jsonName;
    }

    /** The measure called {@code name}, if there is one. */
    public static Optional<CrossValidationMeasure> byName(String name) {
        return Arrays.stream(values()).filter(m -> m.jsonName.equals(name)).findFirst();
    }

    /** One held-out row's value at probability {@code p} (not for {@link #AUC}, which ranks a fold). */
    double rowValue(double y, double p) {
        return switch (this) {
            case DEVIANCE -> {
                double clamped = Math.min(Math.max(p, 1e-5), 1 - 1e-5);
                double fitted = (1 - y) * Math.log(1 - clamped) + y * Math.log(clamped);
                yield 2 * (-LogisticFunctions.entropy(y) - fitted);
            }
            case CLASS -> (1 - y) * (p > 0.5 ? 1 : 0) + y * (p <= 0.5 ? 1 : 0);
            case MSE -> 2 * (y - p) * (y - p);
            case AUC -> throw new IllegalStateException("the AUC ranks a whole fold");
        };
    }
}

package dev.logreg.math;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which covariance matrix the statistics use: the model's, {@code I(b)^-1}, or one of the
 * heteroskedasticity-consistent (sandwich) estimators of R's {@code sandwich::vcovHC}:
 *
 * <pre>
 *   V = C M C,   C = I(b)^-1,   M = sum_i omega_i xhat_i xhat_i^T,   r_i = w_i (y_i - mu_i)
 *   HC0: omega_i = r_i^2                 HC2: omega_i = r_i^2 / (1 - h_i)
 *   HC1: omega_i = r_i^2 n / (n - p)     HC3: omega_i = r_i^2 / (1 - h_i)^2
 * </pre>
 *
 * with {@code h_i} the hat values of {@code W^1/2 X} and n the number of rows of positive weight
 * (each row is one observation: a row of weight k is k trials, not k independent copies).
 */
public enum CovarianceType {
    MODEL("model"),
    HC0("HC0"),
    HC1("HC1"),
    HC2("HC2"),
    HC3("HC3");

    private final String apiName;

    CovarianceType(String apiName) {
        this.apiName = apiName;
    }

    /** The name clients use: {@code model}, {@code HC0}, ... */
    public String apiName() {
        return apiName;
    }

    /** Whether the weights {@code omega_i} need the hat values. */
    boolean needsHatValues() {
        return this == HC2 || this == HC3;
    }

    /** The type called {@code name} by clients, if there is one. */
    public static Optional<CovarianceType> byName(String name) {
        return Arrays.stream(values()).filter(type -> type.apiName.equals(name)).findFirst();
    }

    /** Every client name, the default ({@code model}) first. */
    public static List<String> names() {
        return Arrays.stream(values()).map(CovarianceType::apiName).toList();
    }
}

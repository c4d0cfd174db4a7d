package dev.logreg.math;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What the fit estimates: maximum likelihood, or Firth's bias-reduced estimates, which maximise
 * the log-likelihood penalised by {@code 0.5 log det I(b)} (Jeffreys' prior) and stay finite under
 * separation. For the logit link Firth's estimates are R's {@code brglm2} with
 * {@code type = "AS_mean"}.
 */
public enum FitMethod {
    ML("ml"),
    FIRTH("firth");

    private final String apiName;

    FitMethod(String apiName) {
        this.apiName = apiName;
    }

    /** The name clients use: {@code ml} or {@code firth}. */
    public String apiName() {
        return apiName;
    }

    /** The method called {@code name} by clients, if there is one. */
    public static Optional<FitMethod> byName(String name) {
        return Arrays.stream(values())
                .filter(method -> method.apiName.equals(name))
                .findFirst();
    }

    /** Every client name, the default ({@code ml}) first. */
    public static List<String> names() {
        return Arrays.stream(values()).map(FitMethod::apiName).toList();
    }
}

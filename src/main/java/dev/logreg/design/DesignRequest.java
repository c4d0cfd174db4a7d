package dev.logreg.design;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a client asks of a table: an R formula, optionally the column of frequency weights, the
 * factors' levels by column name, and what a missing value does (default {@link NaAction#OMIT}).
 */
public record DesignRequest(String formula, String weights, Map<String, FactorSpec> factors, NaAction naAction) {

    public DesignRequest {
        Objects.requireNonNull(formula, "formula");
        factors = factors == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(factors));
        naAction = naAction == null ? NaAction.OMIT : naAction;
    }

    public DesignRequest(String formula) {
        this(formula, null, null, null);
    }
}

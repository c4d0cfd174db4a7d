package dev.logreg.design;

/** What a row with a missing value the formula needs does to a training (R's {@code na.action}). */
public enum NaAction {
    /** R's {@code na.omit}, the default: the row is left out and counted. */
    OMIT("omit"),
    /** R's {@code na.fail}: the request is refused, naming the first missing cell. */
    FAIL("fail");

    private final String apiName;

    NaAction(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    /** The action named {@code name} ({@code omit} or {@code fail}), or null when there is none. */
    public static NaAction fromApiName(String name) {
        for (NaAction action : values()) {
            if (action.apiName.equals(name)) {
                return action;
            }
        }
        return null;
    }
}

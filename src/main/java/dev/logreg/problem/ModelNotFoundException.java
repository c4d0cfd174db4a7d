package dev.logreg.problem;

/** No model has the id a client asked for. */
public final class ModelNotFoundException extends RuntimeException {

    private final String modelId;

    public ModelNotFoundException(String modelId) {
        super("no model with id '" + modelId + "'");
        this.modelId = modelId;
    }

    public String modelId() {
        return modelId;
    }
}

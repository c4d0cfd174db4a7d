package dev.logreg.model;

import java.util.Optional;

/** Where fitted models live. Implementations are thread-safe; models are never modified. */
public interface ModelStore {

    /** Stores {@code model}; when this returns, the model is stored. */
    void put(Model model);

    Optional<Model> find(String id);

    /** One page of models, newest first. */
    ModelPage list(int page, int size);

    /** Forgets the model; returns whether it was there. */
    boolean delete(String id);

    /** How many models are stored. */
    int count();
}

package dev.logreg.model;

import dev.logreg.problem.StoreFullException;
import java.util.Optional;

/** Where fitted models live. Implementations are thread-safe; models are never modified. */
public interface ModelStore {

    /**
     * Stores {@code model}; when this returns, the model is stored.
     *
     * @throws StoreFullException when the model does not fit within the configured capacity
     */
    void put(Model model);

    /**
     * Throws {@link StoreFullException} when no further model fits: a cheap check before an
     * expensive training, which {@link #put} confirms for the model at hand.
     */
    void requireRoom();

    Optional<Model> find(String id);

    /** One page of models, newest first. */
    ModelPage list(int page, int size);

    /** Forgets the model; returns whether it was there. */
    boolean delete(String id);

    /** How many models are stored. */
    int count();
}

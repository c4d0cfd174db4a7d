package dev.logreg.problem;

import java.util.List;

/** A request that breaks the contract, with every problem found (400). */
public final class InvalidRequestException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidRequestException(List<FieldError> errors) {
        super(
                errors.size() == 1
                        ? "The request has 1 error: " + describe(errors.get(0))
                        : "The request has " + errors.size() + " errors; the first: " + describe(errors.get(0)));
        this.errors = List.copyOf(errors);
    }

    public InvalidRequestException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    private static String describe(FieldError error) {
        return error.field() + ": " + error.message();
    }
}

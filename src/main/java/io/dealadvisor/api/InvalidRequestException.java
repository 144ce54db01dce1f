package io.dealadvisor.api;

import io.dealadvisor.intake.FieldError;

import java.util.List;

/**
 * A request whose parameters or body are not valid, with every error found; {@link ProblemMappers} answers it with
 * the problem of its kind.
 */
public class InvalidRequestException extends RuntimeException {

    /** What was not valid, which names the problem's type. */
    public enum Kind {
        PARAMETERS, OUTCOME, ERASURE
    }

    private final Kind kind;
    private final transient List<FieldError> errors;

    public InvalidRequestException(Kind kind, List<FieldError> errors) {
        super(kind + " not valid: " + errors, null, false, false);
        this.kind = kind;
        this.errors = List.copyOf(errors);
    }

    public Kind kind() {
        return kind;
    }

    public List<FieldError> errors() {
        return errors;
    }
}

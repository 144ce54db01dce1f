package io.dealadvisor.intake;

import java.util.List;

/** A deal that was read but breaks a rule of this service that Bean Validation cannot express (a limit). */
public class InvalidDealException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidDealException(List<FieldError> errors) {
        super(errors.toString());
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}

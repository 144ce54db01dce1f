package io.dealadvisor.api;

import io.dealadvisor.intake.FieldError;

import java.util.List;

/** A deal that cannot be decided, with every field that is wrong; answered as a 400 problem document. */
public class InvalidDealException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidDealException(List<FieldError> errors) {
        super(errors.size() + " field(s) are not valid");
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}

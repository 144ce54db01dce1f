package io.dealadvisor.intake;

/** One thing wrong with a deal: where (a path such as {@code milestones[0].due}) and what. */
public record FieldError(String field, String message) {

    public FieldError prefixed(String prefix) {
        if (field.isEmpty()) {
            return new FieldError(prefix, message);
        }
        return new FieldError(field.startsWith("[") ? prefix + field : prefix + "." + field, message);
    }

    @Override
    public String toString() {
        return (field.isEmpty() ? "(root)" : field) + ": " + message;
    }
}

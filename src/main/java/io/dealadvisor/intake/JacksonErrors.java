package io.dealadvisor.intake;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Turns what Jackson could not read into a field error a caller can act on, without Jackson's internals. */
public final class JacksonErrors {

    /** How Jackson names the source in a message; callers only need the line and column. */
    private static final Pattern SOURCE = Pattern.compile("\\[Source: .*?; (line: \\d+, column: \\d+)]");
    /** The start of Jackson's message for {@code DeserializationFeature.FAIL_ON_TRAILING_TOKENS}. */
    private static final String TRAILING_TOKEN = "Trailing token";

    /** What a value that should be an object and is not is told. */
    static final String OBJECT = "must be an object";
    /** The start of Jackson's message for {@code JsonParser.Feature.STRICT_DUPLICATE_DETECTION}. */
    private static final String DUPLICATE = "Duplicate field '";

    private JacksonErrors() {
    }

    public static FieldError toFieldError(JsonProcessingException error) {
        if (error instanceof StreamConstraintsException
                || error.getCause() instanceof StreamConstraintsException) {
            // Jackson does not say where the parser stood when a limit was hit in the body itself: overLimit does
            String field = error instanceof JsonMappingException mapping ? path(mapping.getPath()) : "";
            return new FieldError(field, limitMessage(error));
        }
        if (error instanceof WellFormedUtf8.NotUtf8Exception notUtf8) {
            return new FieldError("", notUtf8.getOriginalMessage());
        }
        if (error instanceof JsonParseException parse && parse.getOriginalMessage().startsWith(DUPLICATE)
                && parse.getProcessor() != null) {
            return new FieldError(path(parse.getProcessor().getParsingContext()), "is given more than once");
        }
        if (error instanceof JsonParseException) {
            return new FieldError("", "is not valid JSON" + location(error) + ": "
                    + SOURCE.matcher(error.getOriginalMessage()).replaceAll("$1"));
        }
        if (error instanceof MismatchedInputException && error.getOriginalMessage().startsWith(TRAILING_TOKEN)) {
            return new FieldError("", "is not valid JSON" + location(error) + ": more follows the first JSON value");
        }
        if (error instanceof UnicodeTextDeserializer.NotUnicodeTextException notText) {
            return new FieldError(path(notText.getPath()), notText.getOriginalMessage());
        }
        if (error instanceof JsonMappingException mapping) {
            String field = path(mapping.getPath());
            Class<?> target = error instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
            if (error instanceof InvalidFormatException invalid && invalid.getValue() instanceof String text
                    && target != null && !target.isEnum() && target != LocalDate.class) {
                return new FieldError(field, expected(target) + ", not the text \"" + text + "\"");
            }
            if (target != null) {
                return new FieldError(field, expected(target));
            }
            return new FieldError(field, "cannot be read: " + error.getOriginalMessage());
        }
        return new FieldError("", "is not valid JSON" + location(error));
    }

    /**
     * A limit of the parser hit in the body, named from where the parser stood ({@code at}, its parsing context): the
     * value being read, or for a member name over its limit, the object holding it.
     */
    public static FieldError overLimit(StreamConstraintsException limit, JsonStreamContext at) {
        boolean name = limit.getOriginalMessage().startsWith("Name length") && at.inObject();
        return new FieldError(path(name ? at.getParent() : at), limitMessage(limit));
    }

    private static String limitMessage(JsonProcessingException error) {
        String limit = (error.getCause() instanceof StreamConstraintsException cause ? cause : error)
                .getOriginalMessage();
        return "exceeds a limit of this service: " + limit.replaceAll(", from `[^`]*`", "");
    }

    /** A body whose first JSON value is followed by more, the parser standing on what follows. */
    public static FieldError trailingContent(JsonParser parser) {
        JsonLocation at = parser.currentTokenLocation();
        return new FieldError("", "is not valid JSON at line " + at.getLineNr() + ", column " + at.getColumnNr()
                + ": more follows the first JSON value");
    }

    /** Where a parser stands, as names and indexes from the root: {@code milestones[0].due}. */
    private static String path(JsonStreamContext context) {
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            String step = at.inArray() ? "[" + at.getCurrentIndex() + "]"
                    : (at.getParent() != null && !at.getParent().inRoot() ? "." : "") + at.getCurrentName();
            path.insert(0, step);
        }
        return path.toString();
    }

    /** A Jackson path as names and indexes from the root: {@code milestones[0].due}. */
    public static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String expected(Class<?> target) {
        if (target.isEnum()) {
            return "must be one of " + Arrays.stream(target.getEnumConstants())
                    .map(Object::toString).collect(Collectors.joining(", "));
        }
        if (target == LocalDate.class) {
            return "must be a date written as YYYY-MM-DD, such as 2026-12-15";
        }
        if (target == Integer.class || target == int.class || target == Long.class || target == BigInteger.class) {
            return "must be a whole number";
        }
        if (target == BigDecimal.class || target == Double.class) {
            return "must be a number";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "must be true or false";
        }
        if (target == String.class) {
            return "must be a string";
        }
        if (Collection.class.isAssignableFrom(target) || target.isArray()) {
            return "must be an array";
        }
        if (Map.class.isAssignableFrom(target) || target.isRecord()) {
            return OBJECT;
        }
        return "has the wrong type";
    }

    private static String location(JsonProcessingException error) {
        return error.getLocation() == null ? ""
                : " at line " + error.getLocation().getLineNr() + ", column " + error.getLocation().getColumnNr();
    }
}

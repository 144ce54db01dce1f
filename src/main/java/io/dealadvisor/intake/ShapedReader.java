package io.dealadvisor.intake;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a JSON object into a record type in time proportional to its size, however many of its values are wrong.
 * <p>
 * While the parser runs, only the fields the record declares are kept: anything else is skipped unbuilt, a list
 * keeps at most {@code maxListSize} entries (the rest are counted, not built) and a string longer than
 * {@code maxStringLength} is refused where it stands. What is kept is bounded by the record's shape, so binding it
 * costs little; when binding fails, each kept value is bound on its own, once, so every unreadable value is named
 * with its path and the rest is still read. A member given twice in one object, kept or skipped, is named too, so a
 * parser that does not refuse duplicates itself reads on past one (to the next deal of a batch). A number with a
 * fraction or an exponent is kept exactly, as a decimal: as a double, 0.59999999999999999 would be 0.6.
 */
public final class ShapedReader<T> {

    /**
     * Characters in one JSON number, as sent and as written out in full: an amount below 10^15 with cents fits
     * many times over, and an exponent cannot make a number cost more to compare or write out than its text.
     */
    public static final int MAX_NUMBER_LENGTH = 100;
    private static final String GIVEN_TWICE = "is given more than once";

    private final ObjectMapper mapper;
    private final ObjectReader numberReader;
    private final Class<T> type;
    private final RecordShape.Fields shape;
    private final ReadableParts readableParts;
    private final int maxListSize;
    private final int maxStringLength;

    public ShapedReader(ObjectMapper mapper, Class<T> type, int maxListSize, int maxStringLength) {
        this.mapper = mapper;
        this.numberReader = mapper.readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.type = type;
        this.shape = (RecordShape.Fields) RecordShape.of(mapper.constructType(type), mapper);
        this.readableParts = new ReadableParts(mapper);
        this.maxListSize = maxListSize;
        this.maxStringLength = maxStringLength;
    }

    /**
     * What was read: the value (null when nothing could be bound), each value that could not be read (a value
     * inside it is not checked further), and each limit a part of the value went over.
     */
    public record Read<T>(T value, List<FieldError> unreadable, List<FieldError> overLimit) {
    }

    /**
     * Reads the object at the parser's current token ({@code START_OBJECT}), leaving the parser on its
     * {@code END_OBJECT}. A syntax error or a limit of the parser itself ends the reading with that exception.
     */
    public Read<T> read(JsonParser parser) throws IOException {
        List<Object> at = new ArrayList<>();
        List<FieldError> unreadable = new ArrayList<>();
        List<FieldError> overLimit = new ArrayList<>();
        ObjectNode kept = (ObjectNode) keep(parser, shape, at, unreadable, overLimit);
        try {
            return new Read<>(mapper.treeToValue(kept, type), List.copyOf(unreadable), List.copyOf(overLimit));
        } catch (JsonProcessingException e) {
            ObjectNode readable = readableParts.readable(kept, shape, "", unreadable);
            try {
                return new Read<>(mapper.treeToValue(readable, type), List.copyOf(unreadable), List.copyOf(overLimit));
            } catch (JsonProcessingException still) {
                unreadable.add(JacksonErrors.toFieldError(still));
                return new Read<>(null, List.copyOf(unreadable), List.copyOf(overLimit));
            }
        }
    }

    /** The part of the value at the parser that the shape declares, or null where a value was refused. */
    private JsonNode keep(JsonParser parser, RecordShape shape, List<Object> at, List<FieldError> unreadable,
                          List<FieldError> overLimit) throws IOException {
        JsonToken token = parser.currentToken();
        JsonNodeFactory nodes = mapper.getNodeFactory();
        if (shape instanceof RecordShape.Fields fields && token == JsonToken.START_OBJECT) {
            ObjectNode object = nodes.objectNode();
            Set<String> names = new HashSet<>();
            Set<String> twice = new HashSet<>();
            String name;
            while ((name = parser.nextFieldName()) != null) {
                parser.nextToken();
                RecordShape field = fields.fields().get(name);
                boolean repeated = !names.add(name);
                if (repeated || field == null) {
                    at.add(name);
                    if (repeated && twice.add(name)) {
                        // neither value is kept: a proxy that reads the first one would disagree about the deal
                        unreadable.add(new FieldError(path(at), GIVEN_TWICE));
                        object.remove(name);
                    }
                    skip(parser, at, unreadable);
                    at.remove(at.size() - 1);
                } else {
                    at.add(name);
                    JsonNode value = keep(parser, field, at, unreadable, overLimit);
                    at.remove(at.size() - 1);
                    if (value != null) {
                        object.set(name, value);
                    }
                }
            }
            return object;
        }
        if (shape instanceof RecordShape.ListOf list && token == JsonToken.START_ARRAY) {
            ArrayNode array = nodes.arrayNode();
            int size = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (size < maxListSize) {
                    at.add(size);
                    JsonNode value = keep(parser, list.element(), at, unreadable, overLimit);
                    if (value != null && value.isNull() && list.element() instanceof RecordShape.Fields) {
                        // said here rather than by a check on each entry: a validator that holds one failure per
                        // entry compares each new one with all the others, and a batch of such lists took seconds
                        unreadable.add(new FieldError(path(at), "must be an object, not null"));
                    }
                    at.remove(at.size() - 1);
                    array.add(value == null ? NullNode.getInstance() : value);
                } else {
                    at.add(size);
                    skip(parser, at, unreadable);
                    at.remove(at.size() - 1);
                }
                size++;
            }
            if (size > maxListSize) {
                overLimit.add(new FieldError(path(at), "holds " + size
                        + " entries; at most " + maxListSize + " are accepted"));
            }
            return array;
        }
        return switch (token) {
            // a container where the shape has something else: its kind is all binding needs to say what is wrong
            case START_OBJECT -> {
                skip(parser, at, unreadable);
                yield nodes.objectNode();
            }
            case START_ARRAY -> {
                skip(parser, at, unreadable);
                yield nodes.arrayNode();
            }
            case VALUE_STRING -> {
                String text = parser.getText();
                if (text.length() > maxStringLength) {
                    unreadable.add(new FieldError(path(at), "exceeds a limit of this"
                            + " service: " + text.length() + " characters, at most " + maxStringLength
                            + " are accepted"));
                    yield null;
                }
                yield nodes.textNode(text);
            }
            case VALUE_TRUE, VALUE_FALSE -> nodes.booleanNode(token == JsonToken.VALUE_TRUE);
            case VALUE_NULL -> nodes.nullNode();
            case VALUE_NUMBER_FLOAT -> decimal(parser, at, unreadable);
            // whole numbers as Jackson's own tree reader makes them, so a value means the same however it arrives
            default -> numberReader.readValue(parser);
        };
    }

    /** The number at the parser, exactly; null where it was refused. */
    private JsonNode decimal(JsonParser parser, List<Object> at, List<FieldError> unreadable) throws IOException {
        if (parser.isNaN()) {
            // only a tree can hold one (a YAML scenario's .nan or .inf): JSON cannot spell it
            unreadable.add(new FieldError(path(at), "must be a number"));
            return null;
        }
        BigDecimal value;
        try {
            value = parser.getDecimalValue();
        } catch (NumberFormatException beyondAnyDecimal) { // an exponent that does not fit in an int
            value = null;
        }
        if (value == null || plainLength(value) > MAX_NUMBER_LENGTH) {
            unreadable.add(new FieldError(path(at), "exceeds a limit of this service: written out in full, a number"
                    + " has at most " + MAX_NUMBER_LENGTH + " characters"));
            return null;
        }
        return mapper.getNodeFactory().numberNode(value);
    }

    /** The length of {@code value}'s plain form, from its digits and scale rather than written out. */
    private static long plainLength(BigDecimal value) {
        long digits = value.precision();
        long scale = value.scale();
        long length = scale <= 0 ? digits - scale : Math.max(digits, scale + 1) + 1;
        return value.signum() < 0 ? length + 1 : length;
    }

    /** Skips the value at the parser, naming each member given twice in any object inside it. */
    private static void skip(JsonParser parser, List<Object> at, List<FieldError> unreadable) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            Set<String> names = new HashSet<>();
            Set<String> twice = new HashSet<>();
            String name;
            while ((name = parser.nextFieldName()) != null) {
                parser.nextToken();
                at.add(name);
                if (!names.add(name) && twice.add(name)) {
                    unreadable.add(new FieldError(path(at), GIVEN_TWICE));
                }
                skip(parser, at, unreadable);
                at.remove(at.size() - 1);
            }
        } else if (token == JsonToken.START_ARRAY) {
            for (int index = 0; parser.nextToken() != JsonToken.END_ARRAY; index++) {
                at.add(index);
                skip(parser, at, unreadable);
                at.remove(at.size() - 1);
            }
        }
    }

    /** A path kept as names and indexes, written out as {@code milestones[0].due}. */
    private static String path(List<Object> at) {
        StringBuilder path = new StringBuilder();
        for (Object step : at) {
            if (step instanceof Integer index) {
                path.append('[').append(index).append(']');
            } else {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(step);
            }
        }
        return path.toString();
    }
}

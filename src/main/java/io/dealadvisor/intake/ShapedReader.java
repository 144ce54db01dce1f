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
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a JSON object into a record type in time proportional to its size, however many of its values are wrong.
 * <p>
 * While the parser runs, only the fields the record declares are kept: anything else is skipped unread, a list
 * keeps at most {@code maxListSize} entries (the rest are counted, not built) and a string longer than
 * {@code maxStringLength} is refused where it stands. What is kept is bounded by the record's shape, so binding it
 * costs little; when binding fails, each kept value is bound on its own, once, so every unreadable value is named
 * with its path and the rest is still read.
 */
public final class ShapedReader<T> {

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
            String name;
            while ((name = parser.nextFieldName()) != null) {
                parser.nextToken();
                RecordShape field = fields.fields().get(name);
                if (field == null) {
                    parser.skipChildren();
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
                    parser.skipChildren();
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
                parser.skipChildren();
                yield nodes.objectNode();
            }
            case START_ARRAY -> {
                parser.skipChildren();
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
            // numbers as Jackson's own tree reader makes them, so a value means the same however it arrives
            default -> numberReader.readValue(parser);
        };
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

package io.dealadvisor.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/**
 * The second pass of a {@link ShapedReader}, when binding the kept value whole fails: each kept value is bound on
 * its own, once, so every unreadable value is named with its path and the rest is still read.
 */
final class ReadableParts {

    private final ObjectMapper mapper;

    ReadableParts(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * The kept object without its unreadable values, each named in {@code unreadable}: a value is bound alone in
     * the record that declares it, so the message is the one binding the whole would give. A list entry that
     * cannot be read becomes null, so the indexes of the others stay as sent.
     */
    ObjectNode readable(ObjectNode object, RecordShape.Fields shape, String path, List<FieldError> unreadable) {
        ObjectNode readable = object.objectNode();
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            RecordShape declared = shape.fields().get(name);
            String at = path.isEmpty() ? name : path + "." + name;
            if (declared instanceof RecordShape.Fields fields && value.isObject()) {
                readable.set(name, readable((ObjectNode) value, fields, at, unreadable));
            } else if (declared instanceof RecordShape.ListOf list && value.isArray()) {
                readable.set(name, readable((ArrayNode) value, list, at, unreadable));
            } else {
                FieldError error = unreadable(readable.objectNode().set(name, value), shape.type(), path);
                if (error == null) {
                    readable.set(name, value);
                } else {
                    unreadable.add(error);
                }
            }
        }
        return readable;
    }

    private ArrayNode readable(ArrayNode array, RecordShape.ListOf list, String path, List<FieldError> unreadable) {
        ArrayNode readable = array.arrayNode(array.size());
        for (int index = 0; index < array.size(); index++) {
            JsonNode entry = array.get(index);
            String at = path + "[" + index + "]";
            if (list.element() instanceof RecordShape.Fields fields && entry.isObject()) {
                readable.add(readable((ObjectNode) entry, fields, at, unreadable));
                continue;
            }
            // an entry that should be an object and is not: said without binding it, which costs an exception each
            FieldError error = entry.isNull() ? null : list.element() instanceof RecordShape.Fields
                    ? new FieldError(at, JacksonErrors.OBJECT) : unreadable(entry, list.elementType(), at);
            if (error != null) {
                unreadable.add(error);
            }
            readable.add(error == null ? entry : NullNode.getInstance());
        }
        return readable;
    }

    /** What is wrong with binding {@code value} to {@code type}, named from {@code path}; null if nothing. */
    private FieldError unreadable(JsonNode value, Object type, String path) {
        try {
            if (type instanceof JavaType javaType) {
                mapper.treeToValue(value, javaType);
            } else {
                mapper.treeToValue(value, (Class<?>) type);
            }
            return null;
        } catch (JsonProcessingException e) {
            FieldError error = JacksonErrors.toFieldError(e);
            return path.isEmpty() ? error : error.prefixed(path);
        }
    }
}

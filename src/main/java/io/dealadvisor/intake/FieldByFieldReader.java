package io.dealadvisor.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a JSON object into a type and names every value that cannot be read, where Jackson stops at the first:
 * that value is dropped and the rest read again. A deal and an outcome report are read this way.
 */
public final class FieldByFieldReader {

    private FieldByFieldReader() {
    }

    /** What could be read: the value (null if even the rest could not be read) and each unreadable field. */
    public record Read<T>(T value, List<FieldError> unreadable) {
    }

    public static <T> Read<T> read(ObjectMapper mapper, ObjectNode json, Class<T> type) {
        List<FieldError> unreadable = new ArrayList<>();
        // Values are dropped from a copy, made only then: a good document, the usual case, is not copied.
        ObjectNode readable = json;
        while (true) {
            try {
                return new Read<>(mapper.treeToValue(readable, type), List.copyOf(unreadable));
            } catch (JsonProcessingException e) {
                unreadable.add(JacksonErrors.toFieldError(e));
                if (readable == json) {
                    readable = json.deepCopy();
                }
                if (!(e instanceof JsonMappingException mapping) || !drop(readable, mapping.getPath())) {
                    return new Read<>(null, List.copyOf(unreadable));
                }
            }
        }
    }

    /** Removes the value at a Jackson path (an array element becomes null, to keep the indexes); false if absent. */
    private static boolean drop(ObjectNode root, List<JsonMappingException.Reference> path) {
        if (path.isEmpty()) {
            return false;
        }
        JsonNode parent = root;
        for (JsonMappingException.Reference step : path.subList(0, path.size() - 1)) {
            parent = step.getFieldName() != null ? parent.path(step.getFieldName()) : parent.path(step.getIndex());
        }
        JsonMappingException.Reference last = path.get(path.size() - 1);
        if (parent instanceof ObjectNode object && last.getFieldName() != null) {
            return object.remove(last.getFieldName()) != null;
        }
        if (parent instanceof ArrayNode array && last.getIndex() >= 0 && last.getIndex() < array.size()
                && !array.get(last.getIndex()).isNull()) {
            array.set(last.getIndex(), NullNode.getInstance());
            return true;
        }
        return false;
    }
}

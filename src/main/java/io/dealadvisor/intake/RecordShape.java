package io.dealadvisor.intake;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;

/** The fields of a record type, as far down as records and lists of them go. */
sealed interface RecordShape {

    record Fields(Class<?> type, Map<String, RecordShape> fields) implements RecordShape {
    }

    record ListOf(JavaType elementType, RecordShape element) implements RecordShape {
    }

    /** A value bound whole: a string, number, boolean, date or enum. */
    record Value() implements RecordShape {
    }

    static RecordShape of(JavaType type, ObjectMapper mapper) {
        Class<?> raw = type.getRawClass();
        if (raw.isRecord()) {
            Map<String, RecordShape> fields = new LinkedHashMap<>();
            for (RecordComponent component : raw.getRecordComponents()) {
                JsonProperty renamed = component.getAnnotation(JsonProperty.class);
                String name = renamed == null || renamed.value().isEmpty() ? component.getName() : renamed.value();
                fields.put(name, of(mapper.constructType(component.getGenericType()), mapper));
            }
            return new Fields(raw, Map.copyOf(fields));
        }
        if (type.isCollectionLikeType()) {
            return new ListOf(type.getContentType(), of(type.getContentType(), mapper));
        }
        return new Value();
    }
}

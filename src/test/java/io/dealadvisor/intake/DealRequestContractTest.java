package io.dealadvisor.intake;

import io.dealadvisor.testing.DealSchema;
import io.dealadvisor.testing.DealSchema.Field;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.Test;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The request type reads what the contract describes: the same members at every depth, of matching types, with the
 * same allowed values, required members and bounds. A field added to openapi.yaml fails here until DealRequest
 * reads it.
 */
class DealRequestContractTest {

    @Test
    void dealRequestReadsExactlyTheContractsDeal() {
        List<String> differences = new ArrayList<>();
        compare(DealSchema.contract().deal(), DealRequest.class, differences);
        assertEquals(List.of(), differences);
    }

    private static void compare(Field object, Class<?> record, List<String> differences) {
        RecordComponent[] components = record.getRecordComponents();
        Set<String> names = Arrays.stream(components).map(RecordComponent::getName).collect(Collectors.toSet());
        for (Field member : object.members()) {
            if (!names.contains(member.name())) {
                differences.add(member.path() + " is in the contract but not in " + record.getSimpleName());
            }
        }
        for (RecordComponent component : components) {
            Field member = object.member(component.getName());
            if (member == null) {
                differences.add(path(object, component.getName()) + " is in " + record.getSimpleName()
                        + " but not in the contract");
            } else {
                compare(member, component.getGenericType(), field(record, component), differences);
            }
        }
    }

    private static void compare(Field field, Type type, java.lang.reflect.Field javaField, List<String> differences) {
        Class<?> raw = type instanceof ParameterizedType parameterized ? (Class<?>) parameterized.getRawType()
                : (Class<?>) type;
        switch (field.type()) {
            case OBJECT -> {
                if (raw.isRecord()) {
                    compare(field, raw, differences);
                } else {
                    differences.add(field.path() + " is an object in the contract, " + raw.getSimpleName() + " here");
                }
            }
            case ARRAY -> {
                if (raw == List.class && type instanceof ParameterizedType list) {
                    compare(field.items(), list.getActualTypeArguments()[0], null, differences);
                } else {
                    differences.add(field.path() + " is a list in the contract, " + raw.getSimpleName() + " here");
                }
            }
            case STRING -> {
                if (!field.values().isEmpty()) {
                    List<String> constants = raw.isEnum() ? Arrays.stream(raw.getEnumConstants())
                            .map(constant -> ((Enum<?>) constant).name()).toList() : List.of();
                    if (!Set.copyOf(constants).equals(Set.copyOf(field.values()))) {
                        differences.add(field.path() + " allows " + field.values() + " in the contract, "
                                + (raw.isEnum() ? constants : raw.getSimpleName()) + " here");
                    }
                } else {
                    expect(field, "date".equals(field.format()) ? LocalDate.class : String.class, raw, differences);
                }
            }
            case INTEGER -> expect(field, Integer.class, raw, differences);
            case NUMBER -> expect(field, BigDecimal.class, raw, differences);
            case BOOLEAN -> expect(field, Boolean.class, raw, differences);
        }
        if (javaField != null) {
            compareChecks(field, javaField, differences);
        }
    }

    private static void expect(Field field, Class<?> expected, Class<?> actual, List<String> differences) {
        if (actual != expected) {
            differences.add(field.path() + " should be read as " + expected.getSimpleName() + ", not "
                    + actual.getSimpleName());
        }
    }

    /** Required members, a minimum of zero, a maximum and a longest text, as declared by Bean Validation. */
    private static void compareChecks(Field field, java.lang.reflect.Field javaField, List<String> differences) {
        boolean required = javaField.isAnnotationPresent(NotNull.class)
                || javaField.isAnnotationPresent(NotBlank.class);
        if (field.required() != required) {
            differences.add(field.path() + (field.required() ? " is required in the contract only"
                    : " is required in DealRequest only"));
        }
        DecimalMin decimalMin = javaField.getAnnotation(DecimalMin.class);
        BigDecimal minimum = javaField.isAnnotationPresent(PositiveOrZero.class) ? BigDecimal.ZERO
                : decimalMin == null ? null : new BigDecimal(decimalMin.value());
        same(field, "minimum", field.minimum(), minimum, differences);
        DecimalMax decimalMax = javaField.getAnnotation(DecimalMax.class);
        same(field, "maximum", field.maximum(), decimalMax == null ? null : new BigDecimal(decimalMax.value()),
                differences);
        if (decimalMax != null && decimalMax.inclusive() == field.exclusiveMaximum()) {
            differences.add(field.path() + ": the maximum is " + (field.exclusiveMaximum() ? "excluded" : "included")
                    + " in the contract only");
        }
        Size size = javaField.getAnnotation(Size.class);
        same(field, "maxLength", field.maxLength() == null ? null : BigDecimal.valueOf(field.maxLength()),
                size == null ? null : BigDecimal.valueOf(size.max()), differences);
    }

    private static void same(Field field, String bound, BigDecimal contract, BigDecimal declared,
                             List<String> differences) {
        boolean same = contract == null ? declared == null : declared != null && contract.compareTo(declared) == 0;
        if (!same) {
            differences.add(field.path() + ": " + bound + " " + contract + " in the contract, " + declared
                    + " in DealRequest");
        }
    }

    private static java.lang.reflect.Field field(Class<?> record, RecordComponent component) {
        try {
            return record.getDeclaredField(component.getName());
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String path(Field object, String name) {
        return object.path().isEmpty() ? name : object.path() + "." + name;
    }
}

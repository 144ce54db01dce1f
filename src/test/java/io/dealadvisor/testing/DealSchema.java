package io.dealadvisor.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.StreamSupport;

/**
 * The deal as the contract ({@code openapi.yaml}, schema {@code Deal}) describes it: every member by its path, with
 * its type, allowed values and bounds. Test deals and generated deals take their fields from here, so that a field is
 * written once, in the contract. Paths are written as the API names fields in errors ({@code milestones[0].due});
 * an element of a list is {@code milestones[]}, and any index stands for it.
 */
public final class DealSchema {

    /** Where the service's jar, and so every class path that holds it, carries the contract. */
    public static final String RESOURCE = "META-INF/openapi.yaml";
    private static final String COMPONENT = "#/components/schemas/";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static DealSchema contract;

    public enum Type { STRING, INTEGER, NUMBER, BOOLEAN, OBJECT, ARRAY }

    /**
     * One member of the deal. {@code values} are the allowed values of an enum (without null), {@code members} those
     * of an object, {@code items} the element of a list; a bound the contract does not set is null.
     */
    public record Field(String path, String name, Type type, String format, boolean required, boolean nullable,
                        List<String> values, BigDecimal minimum, BigDecimal maximum, boolean exclusiveMaximum,
                        Integer minLength, Integer maxLength, String pattern, List<Field> members, Field items) {

        public Field member(String name) {
            return members.stream().filter(member -> member.name.equals(name)).findFirst().orElse(null);
        }

        /** A blank text counts as missing where the contract asks for at least one non-blank character. */
        public boolean nonBlank() {
            return minLength != null && minLength > 0 || "\\S".equals(pattern);
        }
    }

    private final Field deal;
    private final Map<String, Field> byPath = new LinkedHashMap<>();
    private final JsonNode example;

    private DealSchema(JsonNode openapi, String source) {
        JsonNode schemas = openapi.path("components").path("schemas");
        JsonNode dealSchema = schemas.path("Deal");
        if (!dealSchema.isObject()) {
            throw new IllegalArgumentException(source + " has no components.schemas.Deal");
        }
        this.deal = field(schemas, "", "", dealSchema, true, source);
        index(deal);
        this.example = dealSchema.path("example");
    }

    /** The contract the service serves, read once from the class path. */
    public static synchronized DealSchema contract() {
        if (contract == null) {
            try (InputStream in = DealSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is not on the class path");
                }
                contract = new DealSchema(YAML.readTree(in), RESOURCE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return contract;
    }

    /** Another contract, such as a changed copy of {@code openapi.yaml}. */
    public static DealSchema read(Path openapi) {
        try (InputStream in = Files.newInputStream(openapi)) {
            return new DealSchema(YAML.readTree(in), openapi.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The deal itself, the object whose members are the top-level fields. */
    public Field deal() {
        return deal;
    }

    /** Every member at any depth, parents before their members, in the contract's order. */
    public List<Field> fields() {
        return List.copyOf(byPath.values());
    }

    public boolean knows(String path) {
        return byPath.containsKey(normalized(path));
    }

    /** The member at {@code path}; a path the contract does not know fails, naming it. */
    public Field field(String path) {
        Field field = byPath.get(normalized(path));
        if (field == null) {
            throw new IllegalArgumentException(unknown(path));
        }
        return field;
    }

    /**
     * Checks that {@code path} is a member of the deal and that every member named inside {@code value} is one too,
     * so that a renamed or misspelt field fails here rather than being ignored by the service. Values themselves are
     * not checked: tests send wrong values on purpose.
     */
    public void check(String path, JsonNode value) {
        checkMembers(field(path), value);
    }

    /** Checks every member named in a whole deal. */
    public void checkDeal(JsonNode deal) {
        checkMembers(this.deal, deal);
    }

    private void checkMembers(Field field, JsonNode value) {
        if (field.type == Type.OBJECT && value.isObject()) {
            value.fieldNames().forEachRemaining(name -> {
                Field member = field.member(name);
                if (member == null) {
                    throw new IllegalArgumentException(unknown(child(field.path, name)));
                }
                checkMembers(member, value.get(name));
            });
        } else if (field.type == Type.ARRAY && value.isArray()) {
            value.forEach(element -> checkMembers(field.items, element));
        }
    }

    /** The example the contract gives for a deal. */
    public ObjectNode example() {
        return (ObjectNode) example.deepCopy();
    }

    /** The contract's example with only the members the contract requires. */
    public ObjectNode minimalExample() {
        return (ObjectNode) requiredOnly(deal, example);
    }

    private static JsonNode requiredOnly(Field field, JsonNode value) {
        if (field.type != Type.OBJECT) {
            return value.deepCopy();
        }
        ObjectNode kept = YAML.createObjectNode();
        for (Field member : field.members) {
            if (member.required) {
                if (!value.has(member.name)) {
                    throw new IllegalStateException("the contract's example has no " + member.path);
                }
                kept.set(member.name, requiredOnly(member, value.get(member.name)));
            }
        }
        return kept;
    }

    private String unknown(String path) {
        String normalized = normalized(path);
        int dot = normalized.lastIndexOf('.');
        Field parent = dot < 0 ? deal : byPath.get(normalized.substring(0, dot));
        String known = parent == null ? "" : "; " + (parent == deal ? "the deal" : parent.path) + " has "
                + String.join(", ", parent.members.stream().map(Field::name).toList());
        return "'" + path + "' is not a field of the deal in the contract (openapi.yaml, schema Deal)" + known;
    }

    private void index(Field field) {
        for (Field member : field.members) {
            byPath.put(member.path, member);
            index(member);
        }
        if (field.items != null) {
            byPath.put(field.items.path, field.items);
            index(field.items);
        }
    }

    private static String normalized(String path) {
        return path.replaceAll("\\[\\d+]", "[]");
    }

    private static String child(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    private static Field field(JsonNode schemas, String path, String name, JsonNode schema, boolean required,
                               String source) {
        JsonNode resolved = resolve(schemas, schema, path, source);
        Type type = type(resolved, path, source);
        List<Field> members = new ArrayList<>();
        if (type == Type.OBJECT) {
            List<String> requiredNames = StreamSupport.stream(resolved.path("required").spliterator(), false)
                    .map(JsonNode::asText).toList();
            resolved.path("properties").properties().forEach(member -> members.add(field(schemas,
                    child(path, member.getKey()), member.getKey(), member.getValue(),
                    requiredNames.contains(member.getKey()), source)));
        }
        Field items = type == Type.ARRAY
                ? field(schemas, path + "[]", "", resolved.path("items"), true, source) : null;
        List<String> values = StreamSupport.stream(resolved.path("enum").spliterator(), false)
                .filter(value -> !value.isNull()).map(JsonNode::asText).toList();
        return new Field(path, name, type, text(resolved, "format"), required, resolved.path("nullable").asBoolean(),
                values, decimal(resolved, "minimum"), decimal(resolved, "maximum"),
                resolved.path("exclusiveMaximum").asBoolean(), integer(resolved, "minLength"),
                integer(resolved, "maxLength"), text(resolved, "pattern"), Collections.unmodifiableList(members),
                items);
    }

    private static JsonNode resolve(JsonNode schemas, JsonNode schema, String path, String source) {
        String ref = schema.path("$ref").asText(null);
        if (ref == null) {
            return schema;
        }
        JsonNode target = ref.startsWith(COMPONENT) ? schemas.path(ref.substring(COMPONENT.length())) : null;
        if (target == null || !target.isObject()) {
            throw new IllegalArgumentException(source + ": " + path + " refers to " + ref + ", which is not there");
        }
        return target;
    }

    private static Type type(JsonNode schema, String path, String source) {
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "");
        try {
            return Type.valueOf(type.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + (path.isEmpty() ? "Deal" : path)
                    + " has no type a deal field can have: '" + type + "'");
        }
    }

    private static String text(JsonNode schema, String name) {
        return schema.hasNonNull(name) ? schema.get(name).asText() : null;
    }

    private static BigDecimal decimal(JsonNode schema, String name) {
        return schema.hasNonNull(name) ? schema.get(name).decimalValue() : null;
    }

    private static Integer integer(JsonNode schema, String name) {
        return schema.hasNonNull(name) ? schema.get(name).asInt() : null;
    }
}

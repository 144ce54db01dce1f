package io.dealadvisor.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.dealadvisor.testing.DealSchema.Field;
import io.dealadvisor.testing.DealSchema.Type;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

import static io.dealadvisor.fuzz.RandomDeals.JSON;

/**
 * Bad request bodies made from good deals. Most mutations put raw bytes where a value stood, so that they can
 * write what a JSON library would refuse to: 1e400, unescaped control characters, broken UTF-8, duplicate keys.
 */
final class BadBodies {

    enum Kind {
        TRUNCATED, BYTES_FLIPPED, BYTES_INSERTED, WRONG_TYPE, UNKNOWN_ENUM, EXTREME_NUMBER, LONG_STRING,
        DEEP_NESTING, DUPLICATE_KEY, ODD_CHARACTERS, ODD_DATE, NOT_A_DEAL, MANY_ERRORS, LARGE
    }

    /** Mutations that leave the body well-formed JSON, so that in a batch only the one deal is bad. */
    static final Set<Kind> WELL_FORMED = EnumSet.of(Kind.WRONG_TYPE, Kind.UNKNOWN_ENUM, Kind.DUPLICATE_KEY,
            Kind.ODD_DATE);
    /** Mutations of the bytes, whatever they hold. */
    static final Set<Kind> OF_BYTES = EnumSet.of(Kind.TRUNCATED, Kind.BYTES_FLIPPED, Kind.BYTES_INSERTED);

    /** Stands in the tree for raw bytes until the tree is written; no generated text contains '@'. */
    private static final String MARK = "@@raw@@";
    private static final byte[] QUOTED_MARK = ('"' + MARK + '"').getBytes(StandardCharsets.UTF_8);
    private static final String STRUCTURE = "{}[],:\"\\ \t\n0-+.eE";

    private static final List<String> WRONG_TYPES = List.of("\"120000\"", "\"0.85\"", "\"true\"", "\"\"", "1", "0",
            "1.5", "2.0", "true", "false", "null", "[]", "{}", "[1, 2]", "{\"name\": \"Acme\"}", "[null]",
            "\"2026-12-15\"", "\"PENDING\"", "[\"EUR\"]");
    private static final List<String> UNKNOWN_ENUMS = List.of("\"CHEAP\"", "\"specialty\"", "\"Seamless\"", "\"\"",
            "\" \"", "\"WANT \"", "\"NEW\"", "\"PENDİNG\"", "\"DONE\\u0000\"", "\"null\"", "\"MAJOR-CHANGES\"",
            "\"LOW\"", "\"REPLACEMENT,NEW_TO_CLIENT\"", "\"0\"", "0", "\"𝐖𝐀𝐍𝐓\"");
    /** Malformed dates, and the extremes a Java date holds, which date arithmetic in a rule could overflow. */
    private static final List<String> ODD_DATES = List.of("\"+999999999-12-31\"", "\"-999999999-01-01\"",
            "\"+10000-01-01\"", "\"0000-01-01\"", "\"2026-02-29\"", "\"2028-02-29\"", "\"2026-12-15T10:00:00Z\"",
            "\"20261215\"", "\"2026-W50-1\"", "\"2026-12-1\"", "\"\"", "\"today\"", "\"2026-12-15 \"");
    private static final List<String> EXTREME_NUMBERS = List.of("1e400", "-1e400", "1e-400", "-1e-400", "-1", "-0",
            "-0.0", "12345678901234567890", "-12345678901234567890", "2147483648", "-2147483649",
            "9223372036854775808", "1.7976931348623157e308", "4.9e-324", "1e308", "1E+2", "1.0", "0.1", "1e999999999",
            "-1e999999999", "0e10", "1" + "0".repeat(400), "0." + "0".repeat(500) + "1", "9".repeat(1500));
    private static final List<byte[]> ODD_CHARACTERS = List.of(bytes(0x00), bytes(0x01), bytes(0x1f), bytes('\n'),
            utf8("\\u0000"), utf8("\\ud800"), utf8("\\udfff"), utf8("\\udc00\\ud800"), utf8("\\ud83d\\ude00"),
            utf8("\\"), utf8("\\x41"), utf8("\\u12"), bytes(0xff), bytes(0xc3, 0x28), bytes(0xc0, 0xaf),
            bytes(0xed, 0xa0, 0x80), bytes(0xf4, 0x90, 0x80, 0x80), bytes(0xe2, 0x82), bytes(0xef, 0xbb, 0xbf),
            utf8("\u2028\u2029"), utf8("\uffff"), utf8("\u202e"), utf8("e\u0301\u0301\u0301"), utf8("😀"));

    private final Random random;
    private final RandomDeals deals;
    /** The fields of the contract's deal, by kind, as paths such as {@code milestones[].due}. */
    private final List<String> enumFields;
    private final List<String> numberFields;
    private final List<String> dateFields;
    private final List<String> textFields;

    BadBodies(Random random, RandomDeals deals) {
        this.random = random;
        this.deals = deals;
        List<Field> fields = deals.schema().fields();
        this.enumFields = paths(fields, field -> !field.values().isEmpty());
        this.numberFields = paths(fields, field -> field.type() == Type.INTEGER || field.type() == Type.NUMBER);
        this.dateFields = paths(fields, field -> "date".equals(field.format()));
        this.textFields = paths(fields, field -> field.type() == Type.STRING);
    }

    private static List<String> paths(List<Field> fields, Predicate<Field> kind) {
        return fields.stream().filter(kind).map(Field::path).toList();
    }

    static byte[] write(JsonNode json) {
        try {
            return JSON.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The deal, changed in place, written with the mutation of that kind. */
    byte[] mutate(Kind kind, ObjectNode deal) {
        return switch (kind) {
            case TRUNCATED, BYTES_FLIPPED, BYTES_INSERTED -> mutateBytes(kind, write(deal));
            case WRONG_TYPE -> wrongType(deal);
            case UNKNOWN_ENUM -> raw(deal, slotAt(deal, pick(enumFields)), utf8(pick(UNKNOWN_ENUMS)));
            case EXTREME_NUMBER -> raw(deal, random.nextBoolean() ? slotAt(deal, pick(numberFields))
                    : anySlot(deal), utf8(pick(EXTREME_NUMBERS)));
            case LONG_STRING -> longString(deal);
            case DEEP_NESTING -> raw(deal, anySlot(deal), deepNesting());
            case DUPLICATE_KEY -> duplicateKey(deal);
            case ODD_CHARACTERS -> oddCharacters(deal);
            case ODD_DATE -> raw(deal, slotAt(deal, pick(dateFields)), utf8(pick(ODD_DATES)));
            case NOT_A_DEAL -> notADeal(deal);
            case MANY_ERRORS -> manyErrors(deal);
            case LARGE -> large(deal);
        };
    }

    /** Any body with one of the {@link #OF_BYTES} mutations. */
    byte[] mutateBytes(Kind kind, byte[] body) {
        return switch (kind) {
            case TRUNCATED -> truncated(body);
            case BYTES_FLIPPED -> flipped(body);
            case BYTES_INSERTED -> inserted(body);
            default -> throw new IllegalArgumentException(kind + " is not a mutation of bytes");
        };
    }

    private byte[] truncated(byte[] body) {
        return Arrays.copyOf(body, random.nextInt(body.length));
    }

    /** One to three bytes changed: a bit flipped, or the byte replaced. */
    private byte[] flipped(byte[] body) {
        byte[] copy = body.clone();
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            int at = random.nextInt(copy.length);
            copy[at] = random.nextBoolean() ? (byte) (copy[at] ^ 1 << random.nextInt(8)) : oddByte();
        }
        return copy;
    }

    private byte[] inserted(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 8);
        int at = random.nextInt(body.length + 1);
        out.write(body, 0, at);
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            out.write(oddByte());
        }
        out.write(body, at, body.length - at);
        return out.toByteArray();
    }

    /** Half the time a byte that means something to JSON, otherwise any byte. */
    private byte oddByte() {
        return random.nextBoolean() ? (byte) STRUCTURE.charAt(random.nextInt(STRUCTURE.length()))
                : (byte) random.nextInt(256);
    }

    /** A value of another JSON type than the one it replaces, or a fraction where a whole number stood. */
    private byte[] wrongType(ObjectNode deal) {
        Slot slot = anySlot(deal);
        JsonNode current = slot.get();
        List<String> others = WRONG_TYPES.stream().filter(wrong -> {
            JsonNode node = parse(wrong);
            return node.getNodeType() != current.getNodeType() || current.isIntegralNumber() && !node.isIntegralNumber();
        }).toList();
        return raw(deal, slot, utf8(others.get(random.nextInt(others.size()))));
    }

    /** At or beyond the service's limits: 10,000 characters per string and 50,000 per name. */
    private byte[] longString(ObjectNode deal) {
        if (random.nextInt(4) == 0) {
            ObjectNode holder = JSON.createObjectNode();
            holder.put("k".repeat(50_001), 1);
            return raw(deal, anySlot(deal), write(holder));
        }
        int length = List.of(10_000, 10_001, 65_536, 200_000).get(random.nextInt(4));
        String unit = random.nextBoolean() ? "x" : "\\u00e9";
        return raw(deal, random.nextBoolean() ? slotAt(deal, "id") : anySlot(deal),
                utf8('"' + unit.repeat(length) + '"'));
    }

    /** One of the deal's lists, over its limit or not, every entry of it wrong: costs must follow the size. */
    private byte[] manyErrors(ObjectNode deal) {
        String list = pick(List.of("milestones", "competitors", "incidents"));
        int entries = List.of(99, 100, 101, 1_000, 20_000).get(random.nextInt(5));
        String entry = pick(List.of("1", "\"x\"", "[]", "{\"name\":1,\"due\":2,\"status\":3,\"fitsRequirements\":\"no\","
                + "\"clientLoss\":\"lots\",\"apologized\":0}"));
        StringBuilder entriesJson = new StringBuilder("[");
        for (int i = 0; i < entries; i++) {
            entriesJson.append(i == 0 ? "" : ",").append(entry);
        }
        deal.put(list, MARK);
        return splice(write(deal), utf8(entriesJson.append(']').toString()));
    }

    /** Large members the service does not know (callers send whole CRM records): skipped, not built. */
    private byte[] large(ObjectNode deal) {
        int entries = List.of(1_000, 10_000, 50_000).get(random.nextInt(3));
        StringBuilder crm = new StringBuilder("{\"notes\":\"" + "n".repeat(random.nextInt(100_000)) + "\",\"history\":[");
        for (int i = 0; i < entries; i++) {
            crm.append(i == 0 ? "" : ",").append("{\"at\":").append(i).append(",\"tags\":[\"a\",\"b\"]}");
        }
        deal.put("crmRecord", MARK);
        return splice(write(deal), utf8(crm.append("]}").toString()));
    }

    /** Around the limit of 32 levels, and far beyond it. */
    private byte[] deepNesting() {
        int depth = List.of(30, 31, 32, 33, 100, 5_000).get(random.nextInt(6));
        return random.nextBoolean() ? utf8("[".repeat(depth) + "]".repeat(depth))
                : utf8("{\"a\":".repeat(depth) + "1" + "}".repeat(depth));
    }

    /** A key written twice in one object, the second time before or after the first. */
    private byte[] duplicateKey(ObjectNode deal) {
        List<ObjectNode> objects = new ArrayList<>();
        collectObjects(deal, objects);
        ObjectNode object = objects.get(random.nextInt(objects.size()));
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        String key = keys.isEmpty() ? "id" : pick(keys);
        JsonNode value = random.nextBoolean() ? parse(pick(WRONG_TYPES)) : deals.value(2);
        if (random.nextBoolean()) {
            object.set(MARK, value);
        } else {
            ObjectNode rest = object.deepCopy();
            object.removeAll();
            object.set(MARK, value);
            object.setAll(rest);
        }
        return splice(write(deal), write(TextNode.valueOf(key)));
    }

    private byte[] oddCharacters(ObjectNode deal) {
        if (random.nextInt(5) == 0) { // a byte order mark before the whole body
            return concat(bytes(0xef, 0xbb, 0xbf), write(deal));
        }
        byte[] odd = ODD_CHARACTERS.get(random.nextInt(ODD_CHARACTERS.size()));
        Slot slot = random.nextBoolean() ? slotAt(deal, pick(textFields)) : anySlot(deal);
        return raw(deal, slot, concat(utf8("\"A"), odd, utf8("B\"")));
    }

    /** Whatever a caller might send instead of a deal. */
    private byte[] notADeal(ObjectNode deal) {
        byte[] written = write(deal);
        return switch (random.nextInt(12)) {
            case 0 -> new byte[0];
            case 1 -> utf8(" \r\n\t");
            case 2 -> utf8(pick(List.of("null", "true", "0", "-1", "\"OPP-1\"", "[]", "{}", "[{}]", "{", "}", "\"")));
            case 3 -> concat(utf8("["), written, utf8("]"));
            case 4 -> concat(written, written);
            case 5 -> concat(written, utf8(" x"));
            case 6 -> bytes(0x00);
            case 7 -> {
                byte[] noise = new byte[1 + random.nextInt(64)];
                random.nextBytes(noise);
                yield noise;
            }
            case 8 -> utf8("{\"id\":");
            default -> write(deals.value(4));
        };
    }

    /** The deal written with {@code raw} where {@code slot}'s value stood. */
    private byte[] raw(ObjectNode deal, Slot slot, byte[] raw) {
        slot.set(TextNode.valueOf(MARK));
        return splice(write(deal), raw);
    }

    /** Replaces the quoted mark, a key or a value, by raw bytes. */
    private static byte[] splice(byte[] written, byte[] raw) {
        int at = indexOf(written, QUOTED_MARK);
        return concat(Arrays.copyOfRange(written, 0, at), raw,
                Arrays.copyOfRange(written, at + QUOTED_MARK.length, written.length));
    }

    /** A place that holds a value inside the deal: an object's field or an array's entry. */
    private record Slot(ContainerNode<?> container, String field, int index) {
        JsonNode get() {
            return field != null ? container.get(field) : container.get(index);
        }

        void set(JsonNode value) {
            if (field != null) {
                ((ObjectNode) container).set(field, value);
            } else {
                ((ArrayNode) container).set(index, value);
            }
        }
    }

    private Slot anySlot(ObjectNode deal) {
        List<Slot> slots = new ArrayList<>();
        collectSlots(deal, slots);
        return slots.get(random.nextInt(slots.size()));
    }

    private static void collectSlots(JsonNode node, List<Slot> slots) {
        if (node instanceof ObjectNode object) {
            object.properties().forEach(field -> {
                slots.add(new Slot(object, field.getKey(), -1));
                collectSlots(field.getValue(), slots);
            });
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                slots.add(new Slot(array, null, i));
                collectSlots(array.get(i), slots);
            }
        }
    }

    private static void collectObjects(JsonNode node, List<ObjectNode> objects) {
        if (node instanceof ObjectNode object) {
            objects.add(object);
        }
        node.forEach(child -> collectObjects(child, objects));
    }

    /**
     * The slot of a field given by its path ({@code milestones[].due}), making each object on the way where it is
     * absent or not an object; a list gets an entry where it has none, and a random entry is taken.
     */
    private Slot slotAt(ObjectNode deal, String path) {
        ObjectNode object = deal;
        String[] steps = path.split("\\.");
        for (String step : Arrays.asList(steps).subList(0, steps.length - 1)) {
            if (step.endsWith("[]")) {
                String name = step.substring(0, step.length() - 2);
                ArrayNode entries = object.get(name) instanceof ArrayNode array ? array : object.putArray(name);
                if (entries.isEmpty()) {
                    entries.addObject();
                }
                int index = random.nextInt(entries.size());
                if (!entries.get(index).isObject()) {
                    entries.set(index, JSON.createObjectNode());
                }
                object = (ObjectNode) entries.get(index);
            } else {
                object = object.get(step) instanceof ObjectNode existing ? existing : object.putObject(step);
            }
        }
        return new Slot(object, steps[steps.length - 1], -1);
    }

    private String pick(List<String> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("the mark is not in the body");
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}

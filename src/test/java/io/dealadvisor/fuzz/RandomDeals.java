package io.dealadvisor.fuzz;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.dealadvisor.intake.DealReader;
import io.dealadvisor.testing.DealSchema;
import io.dealadvisor.testing.DealSchema.Field;
import io.dealadvisor.testing.DealSchema.Type;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Random deals that the contract accepts, made from its {@code Deal} schema ({@link DealSchema}): every field
 * varied within its type, allowed values and bounds, each optional one sometimes null or absent, texts with unicode
 * and escaped control characters, amounts from zero to just under their maximum, unknown fields now and then. A
 * field added to the contract is generated without any change here.
 */
final class RandomDeals {

    /** Decimals stay as written, so that what is sent is exactly what was generated. */
    static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private static final String[] WORDS = {"Northwind", "Contoso", "Acme", "Globex", "freight", "audit", "review",
            "Zoë", "Ünïcödé", "東京物流", "😀🚚", "שלום", "مرحبا", "e\u0301", "tab\tand\nbreak", "\u2028",
            "\u202Eright-to-left", "\"quoted\"", "back\\slash", "null", "<b>&amp;</b>", "%s%n", "${x}", "   "};
    /** Ids hold no control character (they reach log lines); other texts may hold any but U+0000. */
    private static final String[] ID_WORDS = java.util.Arrays.stream(WORDS)
            .filter(word -> word.chars().noneMatch(c -> c < 0x20 || c == 0x7f)).toArray(String[]::new);
    /** Texts beyond this only when a long text is wanted, up to what the service accepts. */
    private static final int USUAL_TEXT_LENGTH = 80;
    /** ISO 4217 as the JDK knows it, sorted so that a seed repeats a run. */
    private static final List<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode).sorted().toList();

    private final Random random;
    private final DealSchema schema;
    /** Values the contract describes only in words, by field path. */
    private final Map<String, Supplier<JsonNode>> described;
    private final List<Field> wholeNumberFields;
    private final List<Field> decimalFields;

    RandomDeals(Random random) {
        this(random, DealSchema.contract());
    }

    RandomDeals(Random random, DealSchema schema) {
        this.random = random;
        this.schema = schema;
        this.described = Map.of(
                schema.field("offering.currency").path(), () -> TextNode.valueOf(pick(CURRENCIES)));
        this.wholeNumberFields = schema.fields().stream().filter(field -> field.type() == Type.INTEGER).toList();
        this.decimalFields = schema.fields().stream().filter(field -> field.type() == Type.NUMBER).toList();
    }

    DealSchema schema() {
        return schema;
    }

    ObjectNode deal() {
        ObjectNode deal = object(schema.deal());
        if (random.nextInt(10) == 0) {
            deal.set("crmRecord", value(4)); // unknown fields are ignored
        }
        return deal;
    }

    /** A value the contract allows for the field. */
    private JsonNode value(Field field) {
        Supplier<JsonNode> describedValue = described.get(field.path());
        if (describedValue != null) {
            return describedValue.get();
        }
        if (!field.values().isEmpty()) {
            return TextNode.valueOf(pick(field.values()));
        }
        return switch (field.type()) {
            case OBJECT -> object(field);
            case ARRAY -> list(field.items());
            case BOOLEAN -> bool();
            case INTEGER -> wholeNumber(field);
            case NUMBER -> decimal(field);
            case STRING -> string(field);
        };
    }

    /** Required members always; the others set in two cases of three, otherwise absent or null. */
    private ObjectNode object(Field object) {
        ObjectNode node = JSON.createObjectNode();
        for (Field member : object.members()) {
            switch (member.required() ? 2 : random.nextInt(6)) {
                case 0 -> { }
                case 1 -> {
                    if (member.nullable()) {
                        node.set(member.name(), NullNode.getInstance());
                    }
                }
                default -> node.set(member.name(), value(member));
            }
        }
        return node;
    }

    /** Mostly a few entries, sometimes none, rarely as many as the service accepts. */
    private ArrayNode list(Field entry) {
        ArrayNode list = JSON.createArrayNode();
        int size = random.nextInt(50) == 0 ? DealReader.MAX_LIST_SIZE : random.nextInt(5);
        for (int i = 0; i < size; i++) {
            list.add(value(entry));
        }
        return list;
    }

    private TextNode string(Field field) {
        if ("date".equals(field.format())) {
            return date();
        }
        if (field.pattern() != null && !field.nonBlank() || field.minLength() != null && field.minLength() > 1) {
            throw new IllegalStateException(field.path() + ": RandomDeals has no way yet to make a text the contract"
                    + " accepts (pattern " + field.pattern() + ", minLength " + field.minLength() + ")");
        }
        int longest = field.maxLength() == null ? DealReader.MAX_STRING_LENGTH
                : Math.min(field.maxLength(), DealReader.MAX_STRING_LENGTH);
        String[] words = field.path().equals("id") || field.path().endsWith(".id") ? ID_WORDS : WORDS;
        return field.nonBlank() ? TextNode.valueOf(text(random.nextInt(30) == 0 ? longest
                : Math.min(USUAL_TEXT_LENGTH, longest), words)) : anyText(longest, words);
    }

    /** Any text, blank included (it counts as absent), rarely as long as allowed. */
    private TextNode anyText(int longest, String[] words) {
        if (random.nextInt(10) == 0) {
            return TextNode.valueOf(pick(List.of(words)));
        }
        return TextNode.valueOf(text(random.nextInt(30) == 0 ? longest : Math.min(USUAL_TEXT_LENGTH, longest),
                words));
    }

    /** Random words after a letter, so never blank, at most {@code maxLength} UTF-16 units. */
    private String text(int maxLength, String[] words) {
        StringBuilder text = new StringBuilder().append((char) ('A' + random.nextInt(26)));
        int length = 1 + random.nextInt(maxLength);
        while (text.length() < length) {
            String word = words[random.nextInt(words.length)];
            if (text.length() + 1 + word.length() > length) {
                break;
            }
            text.append(' ').append(word);
        }
        return text.toString();
    }

    private TextNode date() {
        return TextNode.valueOf(LocalDate.of(2000, 1, 1).plusDays(random.nextInt(60 * 365)).toString());
    }

    private BooleanNode bool() {
        return BooleanNode.valueOf(random.nextBoolean());
    }

    /** The bounds themselves, and mostly small numbers above the minimum. */
    private LongNode wholeNumber(Field field) {
        long least = field.minimum() == null ? 0 : field.minimum().longValueExact();
        long most = field.maximum() == null ? Integer.MAX_VALUE
                : field.maximum().longValueExact() - (field.exclusiveMaximum() ? 1 : 0);
        long span = most - least + 1;
        return LongNode.valueOf(switch (random.nextInt(8)) {
            case 0 -> least;
            case 1 -> most;
            case 2 -> least + random.nextLong(Math.min(span, 1_000_000));
            default -> least + random.nextLong(Math.min(span, 10));
        });
    }

    /**
     * Within the field's bounds: a share (a range of at most 1) in thousandths, each end one time in ten; an amount
     * as the minimum, one under an excluded maximum, a hair above the minimum, large round sums, or cents. One
     * under, not a cent under: the service parses decimals as doubles, which round 999999999999999.99 up to 10^15.
     */
    private DecimalNode decimal(Field field) {
        BigDecimal least = field.minimum() == null ? BigDecimal.ZERO : field.minimum();
        boolean exclusive = field.maximum() == null || field.exclusiveMaximum();
        BigDecimal most = field.maximum() == null ? BigDecimal.TEN.pow(15) : field.maximum();
        BigDecimal span = most.subtract(least);
        if (span.compareTo(BigDecimal.ONE) <= 0) {
            int thousandths = switch (random.nextInt(10)) {
                case 0 -> 0;
                case 1 -> exclusive ? 999 : 1000;
                default -> random.nextInt(exclusive ? 1000 : 1001);
            };
            return DecimalNode.valueOf(least.add(span.multiply(BigDecimal.valueOf(thousandths, 3))));
        }
        int wholeBound = span.min(BigDecimal.valueOf(1_000_000_000)).intValue();
        int centBound = span.movePointRight(2).min(BigDecimal.valueOf(100_000_000)).intValue();
        return DecimalNode.valueOf(switch (random.nextInt(10)) {
            case 0 -> least;
            case 1 -> exclusive ? most.subtract(BigDecimal.ONE) : most;
            case 2 -> least.add(new BigDecimal("0.0001"));
            case 3 -> least.add(BigDecimal.valueOf(random.nextInt(wholeBound)));
            default -> least.add(BigDecimal.valueOf(random.nextInt(centBound), 2));
        });
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** Any JSON value, numbers as some field of the deal has them, containers nested at most {@code depth} deep. */
    JsonNode value(int depth) {
        int kinds = depth == 0 ? 5 : 7;
        return switch (random.nextInt(kinds)) {
            case 0 -> NullNode.getInstance();
            case 1 -> bool();
            case 2 -> wholeNumber(pick(wholeNumberFields));
            case 3 -> decimal(pick(decimalFields));
            case 4 -> anyText(USUAL_TEXT_LENGTH, WORDS);
            case 5 -> {
                ArrayNode array = JSON.createArrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(value(depth - 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = JSON.createObjectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.set(text(12, WORDS), value(depth - 1));
                }
                yield object;
            }
        };
    }
}

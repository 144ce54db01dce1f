package io.dealadvisor.fuzz;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.dealadvisor.domain.Category;
import io.dealadvisor.domain.InfrastructureFit;
import io.dealadvisor.domain.MilestoneStatus;
import io.dealadvisor.domain.Novelty;
import io.dealadvisor.domain.Positioning;
import io.dealadvisor.domain.Resistance;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Random deals that SPEC.md section 4 accepts: every field varied, each optional part sometimes null or absent,
 * texts with unicode and escaped control characters, amounts from zero to just under the accepted 10^15, unknown fields now and then.
 */
final class RandomDeals {

    /** Decimals stay as written, so that what is sent is exactly what was generated. */
    static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private static final String[] CURRENCIES = {"EUR", "USD", "GBP", "JPY", "CHF", "SEK"};
    private static final String[] WORDS = {"Northwind", "Contoso", "Acme", "Globex", "freight", "audit", "review",
            "Zoë", "Ünïcödé", "東京物流", "😀🚚", "שלום", "مرحبا", "e\u0301", "tab\tand\nbreak", "\u0000", "\u2028",
            "\u202Eright-to-left", "\"quoted\"", "back\\slash", "null", "<b>&amp;</b>", "%s%n", "${x}", "   "};
    /** Texts beyond this only when a long text is wanted: the service accepts up to 10,000 characters. */
    private static final int USUAL_TEXT_LENGTH = 80;
    private static final int MAX_TEXT_LENGTH = 10_000;
    private static final int MAX_ID_LENGTH = 128;
    private static final int MAX_LIST_SIZE = 100;

    private final Random random;

    RandomDeals(Random random) {
        this.random = random;
    }

    ObjectNode deal() {
        ObjectNode deal = JSON.createObjectNode();
        deal.put("id", text("OPP-", MAX_ID_LENGTH));
        optional(deal, "asOf", this::date);
        deal.set("client", client());
        deal.set("offering", offering());
        optional(deal, "discovery", this::discovery);
        optional(deal, "infrastructure", this::infrastructure);
        optional(deal, "incumbent", this::incumbent);
        optional(deal, "milestones", () -> list(this::milestone));
        optional(deal, "pricing", this::pricing);
        optional(deal, "competitors", () -> list(this::competitor));
        optional(deal, "pressure", this::pressure);
        optional(deal, "incidents", () -> list(this::incident));
        if (random.nextInt(10) == 0) {
            deal.set("crmRecord", value(4)); // unknown fields are ignored
        }
        return deal;
    }

    private ObjectNode client() {
        ObjectNode client = JSON.createObjectNode();
        client.put("name", name());
        optional(client, "relationshipYears", this::wholeNumber);
        optional(client, "lifetimeValue", this::money);
        optional(client, "statedNoNeed", this::bool);
        optional(client, "needConfirmed", this::bool);
        return client;
    }

    private ObjectNode offering() {
        ObjectNode offering = JSON.createObjectNode();
        offering.put("name", name());
        optional(offering, "category", () -> oneOf(Category.values()));
        optional(offering, "novelty", () -> oneOf(Novelty.values()));
        optional(offering, "amount", this::money);
        optional(offering, "currency", () -> TextNode.valueOf(CURRENCIES[random.nextInt(CURRENCIES.length)]));
        return offering;
    }

    private ObjectNode discovery() {
        ObjectNode discovery = JSON.createObjectNode();
        optional(discovery, "problemDiagnosed", this::bool);
        optional(discovery, "desiredOutcome", this::anyText);
        optional(discovery, "positioning", () -> oneOf(Positioning.values()));
        optional(discovery, "requirementsCovered", this::share);
        optional(discovery, "nothingNeeded", this::bool);
        return discovery;
    }

    private ObjectNode infrastructure() {
        ObjectNode infrastructure = JSON.createObjectNode();
        optional(infrastructure, "fit", () -> oneOf(InfrastructureFit.values()));
        optional(infrastructure, "approvalsRequired", this::wholeNumber);
        optional(infrastructure, "politicalResistance", () -> oneOf(Resistance.values()));
        return infrastructure;
    }

    private ObjectNode incumbent() {
        ObjectNode incumbent = JSON.createObjectNode();
        optional(incumbent, "vendor", this::anyText);
        optional(incumbent, "sameCategory", this::bool);
        optional(incumbent, "clientSatisfied", this::bool);
        return incumbent;
    }

    private ObjectNode milestone() {
        ObjectNode milestone = JSON.createObjectNode();
        optional(milestone, "name", this::anyText);
        optional(milestone, "due", this::date);
        optional(milestone, "status", () -> oneOf(MilestoneStatus.values()));
        return milestone;
    }

    private ObjectNode pricing() {
        ObjectNode pricing = JSON.createObjectNode();
        optional(pricing, "ourPrice", this::money);
        optional(pricing, "lowestCompetitorPrice", this::money);
        return pricing;
    }

    private ObjectNode competitor() {
        ObjectNode competitor = JSON.createObjectNode();
        optional(competitor, "name", this::anyText);
        optional(competitor, "fitsRequirements", this::bool);
        optional(competitor, "fitsInfrastructure", this::bool);
        return competitor;
    }

    private ObjectNode pressure() {
        ObjectNode pressure = JSON.createObjectNode();
        optional(pressure, "internalPushToClose", this::bool);
        optional(pressure, "reason", this::anyText);
        return pressure;
    }

    private ObjectNode incident() {
        ObjectNode incident = JSON.createObjectNode();
        optional(incident, "id", this::anyText);
        optional(incident, "summary", this::anyText);
        optional(incident, "clientLoss", this::money);
        optional(incident, "apologized", this::bool);
        optional(incident, "amendsOffered", this::money);
        optional(incident, "resolved", this::bool);
        return incident;
    }

    /** Set in two cases of three; otherwise absent or null, which mean the same. */
    private void optional(ObjectNode parent, String field, Supplier<JsonNode> value) {
        switch (random.nextInt(6)) {
            case 0 -> { }
            case 1 -> parent.set(field, NullNode.getInstance());
            default -> parent.set(field, value.get());
        }
    }

    /** Mostly a few entries, sometimes none, rarely as many as the service accepts. */
    private ArrayNode list(Supplier<ObjectNode> entry) {
        ArrayNode list = JSON.createArrayNode();
        int size = random.nextInt(50) == 0 ? MAX_LIST_SIZE : random.nextInt(5);
        for (int i = 0; i < size; i++) {
            list.add(entry.get());
        }
        return list;
    }

    private TextNode name() {
        return TextNode.valueOf(text("", USUAL_TEXT_LENGTH));
    }

    /** Any text, blank included (it counts as absent), rarely as long as the service accepts. */
    private TextNode anyText() {
        if (random.nextInt(10) == 0) {
            return TextNode.valueOf(WORDS[random.nextInt(WORDS.length)]);
        }
        return TextNode.valueOf(text("", random.nextInt(30) == 0 ? MAX_TEXT_LENGTH : USUAL_TEXT_LENGTH));
    }

    /** Random words after a letter, so never blank, at most {@code maxLength} UTF-16 units. */
    private String text(String prefix, int maxLength) {
        StringBuilder text = new StringBuilder(prefix).append((char) ('A' + random.nextInt(26)));
        int length = 1 + random.nextInt(maxLength - text.length());
        while (text.length() < length) {
            String word = WORDS[random.nextInt(WORDS.length)];
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

    private IntNode wholeNumber() {
        return IntNode.valueOf(switch (random.nextInt(8)) {
            case 0 -> 0;
            case 1 -> Integer.MAX_VALUE;
            case 2 -> random.nextInt(1_000_000);
            default -> random.nextInt(10);
        });
    }

    /** Zero, cents, large round sums, and the extremes a double still holds exactly enough. */
    private DecimalNode money() {
        return DecimalNode.valueOf(switch (random.nextInt(10)) {
            case 0 -> BigDecimal.ZERO;
            case 1 -> new BigDecimal("999999999999.99");
            case 2 -> new BigDecimal("0.0001");
            case 3 -> BigDecimal.valueOf(random.nextInt(1_000_000_000));
            default -> BigDecimal.valueOf(random.nextInt(100_000_000), 2);
        });
    }

    /** A share of the requirements, 0 and 1 included. */
    private DecimalNode share() {
        return DecimalNode.valueOf(BigDecimal.valueOf(random.nextInt(1001), 3));
    }

    private TextNode oneOf(Enum<?>[] values) {
        return TextNode.valueOf(values[random.nextInt(values.length)].name());
    }

    /** Any JSON value, containers nested at most {@code depth} deep. */
    JsonNode value(int depth) {
        int kinds = depth == 0 ? 5 : 7;
        return switch (random.nextInt(kinds)) {
            case 0 -> NullNode.getInstance();
            case 1 -> bool();
            case 2 -> wholeNumber();
            case 3 -> money();
            case 4 -> anyText();
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
                    object.set(text("", 12), value(depth - 1));
                }
                yield object;
            }
        };
    }
}

package io.dealadvisor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dealadvisor.testing.DealSchema;
import io.dealadvisor.testing.DealSchema.Field;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Seeded deals as a CRM would send them, made from the contract's deal ({@link DealSchema}): every field appears,
 * some absent, some blank, with odds chosen so that every advice and every rule turns up (roughly a fifth go ahead,
 * most of the rest wait). The odds name fields and enum values of the contract and are checked against it; a field
 * of the contract without odds gets a plain value, so a field added to the contract is generated too. Every number
 * and enum value generated is checked against the contract's bounds and values.
 */
public final class DealGenerator {

    public static final long SEED = 20261123L;
    private static final LocalDate FIRST_AS_OF = LocalDate.of(2026, 11, 23);
    /** How often a field without odds is present. */
    private static final int PLAIN_PERCENT = 80;
    private static final String[] CLIENTS = {"Northwind Logistics", "Contoso Retail", "Fabrikam Health",
            "Tailspin Air", "Woodgrove Bank", "Litware Labs", "Adventure Works", "Proseware"};
    private static final String[] OFFERINGS = {"Freight audit suite", "Analytics upgrade", "CRM platform",
            "Payroll service", "Security monitoring", "Data warehouse"};
    private static final String[] OUTCOMES = {"cut freight audit time by half", "close the books in three days",
            "answer every customer within an hour", "pass the next audit without findings"};
    private static final String[] CURRENCIES = {"EUR", "USD", "GBP", "CHF", "JPY"};
    private static final String[] VENDORS = {"Contoso", "Initech", "Globex", "Umbrella"};
    private static final String[] COMPETITORS = {"Acme", "Hooli", "Vandelay", "Stark Industries", "Wayne Systems"};
    private static final String[] MILESTONES = {"Security review", "Budget approval", "Pilot", "Board meeting",
            "Data migration"};
    /** About one in eight below the 0.6 threshold; 0.6 itself tests the boundary. */
    private static final String[] COVERAGES = {"0.45", "0.55", "0.6", "0.7", "0.75", "0.8", "0.85", "0.85", "0.9",
            "0.9", "0.95", "1", "1", "1"};

    /** A field's value given the object it goes into, as filled so far; null leaves the field out. */
    @FunctionalInterface
    private interface Odds {
        JsonNode fill(Field field, ObjectNode parent);
    }

    private final Random random;
    private final DealSchema schema;
    private final JsonNodeFactory json = JsonNodeFactory.instance;
    private final Map<String, Odds> odds = new HashMap<>();
    private int number;
    private LocalDate asOf;

    public DealGenerator(long seed) {
        this(seed, DealSchema.contract());
    }

    public DealGenerator(long seed, DealSchema schema) {
        this.random = new Random(seed);
        this.schema = schema;
        deal();
        client();
        offering();
        discovery();
        infrastructure();
        incumbent();
        milestone();
        pricing();
        competitor();
        incident();
    }

    public static List<ObjectNode> deals(int count) {
        DealGenerator generator = new DealGenerator(SEED);
        List<ObjectNode> deals = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            deals.add(generator.deal(i));
        }
        return deals;
    }

    public ObjectNode deal(int number) {
        this.number = number;
        this.asOf = FIRST_AS_OF.plusDays(random.nextInt(30));
        ObjectNode deal = object(schema.deal());
        deal.put("crmOwner", "seller-" + random.nextInt(40)); // callers send whole CRM records
        return deal;
    }

    private void deal() {
        odds("id", (field, parent) -> json.textNode(String.format("OPP-2026-%05d", number)));
        odds("asOf", (field, parent) -> json.textNode(asOf.toString()));
        odds("discovery", present(95));
        odds("infrastructure", present(95));
        odds("incumbent", present(35));
        odds("milestones", list(60, 25, 10, 5));
        odds("pricing", present(70));
        odds("competitors", list(30, 35, 25, 10));
        odds("pressure", present(30));
        odds("pressure.internalPushToClose", (field, parent) -> json.booleanNode(chance(75)));
        odds("pressure.reason", sometimes(70, () -> pick("quarter end", "year-end target", "new sales director")));
        odds("incidents", list(85, 12, 3));
    }

    private void client() {
        odds("client.name", (field, parent) -> pick(CLIENTS));
        odds("client.relationshipYears", sometimes(90, () -> json.numberNode(random.nextInt(15))));
        odds("client.lifetimeValue", sometimes(85, () -> json.numberNode(amount(10_000, 2_000_000))));
        // One client in sixteen or so says it needs nothing; asking why then finds a need or not.
        odds("client.statedNoNeed", (field, parent) -> chance(6) ? json.booleanNode(true)
                : chance(60) ? json.booleanNode(false) : null);
        odds("client.needConfirmed", (field, parent) -> parent.path("statedNoNeed").asBoolean()
                ? switch (random.nextInt(3)) {
                    case 0 -> json.nullNode();
                    case 1 -> json.booleanNode(true);
                    default -> json.booleanNode(chance(50));
                }
                : chance(10) ? json.booleanNode(chance(90)) : null);
    }

    private void offering() {
        odds("offering.name", (field, parent) -> pick(OFFERINGS));
        odds("offering.category", sometimes(95, oneOf("offering.category", Map.of("SPECIALTY", 2))));
        odds("offering.novelty", sometimes(95, oneOf("offering.novelty", Map.of("NEW_TO_CLIENT", 85,
                "REPLACEMENT", 15))));
        odds("offering.amount", sometimes(95, () -> json.numberNode(amount(5_000, 500_000))));
        odds("offering.currency", sometimes(95, () -> pick(CURRENCIES)));
    }

    private void discovery() {
        odds("discovery.problemDiagnosed", sometimes(92, () -> json.booleanNode(chance(88))));
        odds("discovery.desiredOutcome", sometimes(90, () -> chance(97) ? pick(OUTCOMES)
                : json.textNode(" "))); // blank counts as absent
        odds("discovery.positioning", sometimes(95, oneOf("discovery.positioning", Map.of("WANT", 3, "NEED", 2))));
        odds("discovery.requirementsCovered", sometimes(85, () -> json.numberNode(new BigDecimal(
                COVERAGES[random.nextInt(COVERAGES.length)]))));
        odds("discovery.nothingNeeded", sometimes(80, () -> json.booleanNode(chance(3))));
    }

    private void infrastructure() {
        odds("infrastructure.fit", sometimes(95, oneOf("infrastructure.fit", Map.of("SEAMLESS", 40,
                "MINOR_CHANGES", 40, "MAJOR_CHANGES", 14, "INCOMPATIBLE", 6))));
        odds("infrastructure.approvalsRequired", sometimes(80, () -> json.numberNode(
                weighted(10, 25, 25, 15, 12, 7, 4, 2))));
        odds("infrastructure.politicalResistance", sometimes(85, oneOf("infrastructure.politicalResistance",
                Map.of("LOW", 3, "MEDIUM", 2))));
    }

    private void incumbent() {
        odds("incumbent.vendor", sometimes(90, () -> pick(VENDORS)));
        odds("incumbent.sameCategory", sometimes(95, () -> json.booleanNode(chance(40))));
        odds("incumbent.clientSatisfied", sometimes(80, () -> json.booleanNode(chance(60))));
    }

    private void milestone() {
        odds("milestones[].name", (field, parent) -> pick(MILESTONES));
        odds("milestones[].due", sometimes(92, () -> json.textNode(asOf.plusDays(random.nextInt(90) - 20)
                .toString())));
        odds("milestones[].status", sometimes(95, oneOf("milestones[].status", Map.of("PENDING", 55,
                "DONE", 45))));
    }

    private void pricing() {
        odds("pricing.ourPrice", sometimes(95, () -> json.numberNode(amount(5_000, 500_000))));
        // The cheapest alternative costs 80 to 120% of our price.
        odds("pricing.lowestCompetitorPrice", (field, parent) -> chance(85) ? json.numberNode(
                decimalOr(parent, "ourPrice", () -> amount(5_000, 500_000))
                        .multiply(BigDecimal.valueOf(80 + random.nextInt(41))).movePointLeft(2)) : null);
    }

    private void competitor() {
        odds("competitors[].name", (field, parent) -> pick(COMPETITORS));
        odds("competitors[].fitsRequirements", sometimes(90, () -> json.booleanNode(chance(55))));
        odds("competitors[].fitsInfrastructure", sometimes(90, () -> json.booleanNode(chance(65))));
    }

    private void incident() {
        odds("incidents[].id", (field, parent) -> json.textNode("INC-" + random.nextInt(1000)));
        odds("incidents[].summary", sometimes(80, () -> pick("late delivery", "billing error", "outage")));
        odds("incidents[].clientLoss", sometimes(95, () -> json.numberNode(amount(100, 10_000))));
        odds("incidents[].apologized", sometimes(90, () -> json.booleanNode(chance(65))));
        // Amends of none to three times the loss.
        odds("incidents[].amendsOffered", (field, parent) -> chance(85) ? json.numberNode(
                decimalOr(parent, "clientLoss", () -> amount(100, 10_000))
                        .multiply(BigDecimal.valueOf(random.nextInt(4)))) : null);
        odds("incidents[].resolved", sometimes(90, () -> json.booleanNode(chance(40))));
    }

    /** Odds for a field of the contract; a path it does not know fails here, naming the path. */
    private void odds(String path, Odds fill) {
        odds.put(schema.field(path).path(), fill);
    }

    private ObjectNode object(Field object) {
        ObjectNode node = json.objectNode();
        for (Field member : object.members()) {
            JsonNode value = odds.getOrDefault(member.path(), (field, parent) -> plain(field)).fill(member, node);
            if (value != null) {
                node.set(member.name(), checked(member, value));
            }
        }
        return node;
    }

    /** A value for a field the odds say nothing about, present four times in five unless it is required. */
    private JsonNode plain(Field field) {
        if (!field.required() && !chance(PLAIN_PERCENT)) {
            return null;
        }
        if (!field.values().isEmpty()) {
            return json.textNode(field.values().get(random.nextInt(field.values().size())));
        }
        BigDecimal least = field.minimum() == null ? BigDecimal.ZERO : field.minimum();
        BigDecimal span = field.maximum() == null ? BigDecimal.valueOf(1_000) : field.maximum().subtract(least);
        return switch (field.type()) {
            case OBJECT -> object(field);
            case ARRAY -> {
                ArrayNode array = json.arrayNode();
                for (int i = random.nextInt(3); i > 0; i--) {
                    array.add(plain(field.items()));
                }
                yield array;
            }
            case BOOLEAN -> json.booleanNode(random.nextBoolean());
            case INTEGER -> json.numberNode(least.longValueExact()
                    + random.nextInt(Math.max(1, span.min(BigDecimal.TEN).intValue())));
            case NUMBER -> json.numberNode(least.add(span.multiply(BigDecimal.valueOf(random.nextInt(100), 2))));
            case STRING -> {
                if ("date".equals(field.format())) {
                    yield json.textNode(asOf.plusDays(random.nextInt(90) - 20).toString());
                }
                if (field.pattern() != null && !field.nonBlank()) {
                    throw new IllegalStateException(field.path() + " must match " + field.pattern()
                            + ": DealGenerator needs odds for it");
                }
                yield json.textNode(field.name() + " " + random.nextInt(100));
            }
        };
    }

    /** The value, after checking it against the contract's allowed values and bounds for the field. */
    private static JsonNode checked(Field field, JsonNode value) {
        if (!field.values().isEmpty() && value.isTextual() && !field.values().contains(value.textValue())) {
            throw new IllegalStateException(field.path() + ": " + value + " is not one of " + field.values());
        }
        if (value.isNumber()) {
            BigDecimal number = value.decimalValue();
            int toMaximum = field.maximum() == null ? -1 : number.compareTo(field.maximum());
            if (field.minimum() != null && number.compareTo(field.minimum()) < 0
                    || toMaximum > 0 || toMaximum == 0 && field.exclusiveMaximum()) {
                throw new IllegalStateException(field.path() + ": " + value + " is outside the contract's range "
                        + field.minimum() + " to " + field.maximum());
            }
        }
        return value;
    }

    /** An enum value of the contract; values without a weight here weigh 1, a weight for another value fails. */
    private Supplier<JsonNode> oneOf(String path, Map<String, Integer> weights) {
        List<String> values = schema.field(path).values();
        weights.keySet().stream().filter(value -> !values.contains(value)).findFirst().ifPresent(value -> {
            throw new IllegalArgumentException(path + " has no value " + value + " in the contract: " + values);
        });
        int[] weightOf = values.stream().mapToInt(value -> weights.getOrDefault(value, 1)).toArray();
        return () -> json.textNode(values.get(weighted(weightOf)));
    }

    private Odds sometimes(int percent, Supplier<JsonNode> value) {
        return (field, parent) -> chance(percent) ? value.get() : null;
    }

    /** An object field present in {@code percent} deals, its members filled by their own odds. */
    private Odds present(int percent) {
        return (field, parent) -> chance(percent) ? object(field) : null;
    }

    /** A list of as many entries as {@code sizeWeights} draws; an empty list is left out half the time. */
    private Odds list(int... sizeWeights) {
        return (field, parent) -> {
            int size = weighted(sizeWeights);
            if (size == 0 && chance(50)) {
                return null;
            }
            ArrayNode array = json.arrayNode();
            for (int i = 0; i < size; i++) {
                array.add(object(field.items()));
            }
            return array;
        };
    }

    private BigDecimal decimalOr(ObjectNode parent, String name, Supplier<BigDecimal> otherwise) {
        JsonNode value = parent.get(name);
        return value != null && value.isNumber() ? value.decimalValue() : otherwise.get();
    }

    private BigDecimal amount(int from, int to) {
        return BigDecimal.valueOf((from + random.nextInt(to - from)) / 100 * 100L);
    }

    private boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    /** An index drawn with the given weights. */
    private int weighted(int... weights) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int draw = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            draw -= weights[i];
            if (draw < 0) {
                return i;
            }
        }
        throw new AssertionError("weights " + total);
    }

    private JsonNode pick(String... values) {
        return json.textNode(values[random.nextInt(values.length)]);
    }
}

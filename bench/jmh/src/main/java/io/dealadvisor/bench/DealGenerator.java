package io.dealadvisor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Seeded deals as a CRM would send them: every field of SPEC.md section 4 appears, some absent, some blank, with
 * odds chosen so that every advice and every rule turns up (roughly a third go ahead, most of the rest wait).
 */
public final class DealGenerator {

    public static final long SEED = 20261123L;
    private static final LocalDate FIRST_AS_OF = LocalDate.of(2026, 11, 23);
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

    private final Random random;
    private final JsonNodeFactory json = JsonNodeFactory.instance;

    public DealGenerator(long seed) {
        this.random = new Random(seed);
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
        ObjectNode deal = json.objectNode();
        deal.put("id", String.format("OPP-2026-%05d", number));
        LocalDate asOf = FIRST_AS_OF.plusDays(random.nextInt(30));
        deal.put("asOf", asOf.toString());
        deal.put("crmOwner", "seller-" + random.nextInt(40)); // callers send whole CRM records
        deal.set("client", client());
        deal.set("offering", offering());
        if (chance(95)) {
            deal.set("discovery", discovery());
        }
        if (chance(95)) {
            deal.set("infrastructure", infrastructure());
        }
        if (chance(35)) {
            deal.set("incumbent", incumbent());
        }
        list(deal, "milestones", weighted(60, 25, 10, 5), () -> milestone(asOf));
        if (chance(70)) {
            deal.set("pricing", pricing());
        }
        list(deal, "competitors", weighted(30, 35, 25, 10), this::competitor);
        if (chance(30)) {
            ObjectNode pressure = json.objectNode().put("internalPushToClose", chance(75));
            if (chance(70)) {
                pressure.put("reason", pick("quarter end", "year-end target", "new sales director"));
            }
            deal.set("pressure", pressure);
        }
        list(deal, "incidents", weighted(85, 12, 3), this::incident);
        return deal;
    }

    private ObjectNode client() {
        ObjectNode client = json.objectNode().put("name", pick(CLIENTS));
        optional(client, "relationshipYears", 90, () -> json.numberNode(random.nextInt(15)));
        optional(client, "lifetimeValue", 85, () -> json.numberNode(amount(10_000, 2_000_000)));
        if (chance(6)) {
            client.put("statedNoNeed", true);
            switch (random.nextInt(3)) {
                case 0 -> client.putNull("needConfirmed");
                case 1 -> client.put("needConfirmed", true);
                default -> client.put("needConfirmed", chance(50));
            }
        } else {
            optional(client, "statedNoNeed", 60, () -> json.booleanNode(false));
            optional(client, "needConfirmed", 10, () -> json.booleanNode(chance(90)));
        }
        return client;
    }

    private ObjectNode offering() {
        ObjectNode offering = json.objectNode().put("name", pick(OFFERINGS));
        optional(offering, "category", 95, () -> json.textNode(pick("COMMODITY", "SPECIALTY", "SPECIALTY", "LUXURY")));
        optional(offering, "novelty", 95, () -> json.textNode(chance(85) ? "NEW_TO_CLIENT" : "REPLACEMENT"));
        optional(offering, "amount", 95, () -> json.numberNode(amount(5_000, 500_000)));
        optional(offering, "currency", 95, () -> json.textNode(pick(CURRENCIES)));
        return offering;
    }

    private ObjectNode discovery() {
        ObjectNode discovery = json.objectNode();
        optional(discovery, "problemDiagnosed", 92, () -> json.booleanNode(chance(88)));
        if (chance(90)) {
            discovery.put("desiredOutcome", chance(97) ? pick(OUTCOMES) : " "); // blank counts as absent
        }
        optional(discovery, "positioning", 95, () -> json.textNode(pick("WANT", "WANT", "WANT", "NEED", "NEED", "UNKNOWN")));
        optional(discovery, "requirementsCovered", 85, () -> json.numberNode(new BigDecimal(pick(COVERAGES))));
        optional(discovery, "nothingNeeded", 80, () -> json.booleanNode(chance(3)));
        return discovery;
    }

    private ObjectNode infrastructure() {
        ObjectNode infrastructure = json.objectNode();
        optional(infrastructure, "fit", 95, () -> json.textNode(switch (weighted(40, 40, 14, 6)) {
            case 0 -> "SEAMLESS";
            case 1 -> "MINOR_CHANGES";
            case 2 -> "MAJOR_CHANGES";
            default -> "INCOMPATIBLE";
        }));
        optional(infrastructure, "approvalsRequired", 80, () -> json.numberNode(weighted(10, 25, 25, 15, 12, 7, 4, 2)));
        optional(infrastructure, "politicalResistance", 85, () -> json.textNode(pick("LOW", "LOW", "LOW", "MEDIUM",
                "MEDIUM", "HIGH")));
        return infrastructure;
    }

    private ObjectNode incumbent() {
        ObjectNode incumbent = json.objectNode();
        optional(incumbent, "vendor", 90, () -> json.textNode(pick(VENDORS)));
        optional(incumbent, "sameCategory", 95, () -> json.booleanNode(chance(40)));
        optional(incumbent, "clientSatisfied", 80, () -> json.booleanNode(chance(60)));
        return incumbent;
    }

    private ObjectNode milestone(LocalDate asOf) {
        ObjectNode milestone = json.objectNode().put("name", pick(MILESTONES));
        optional(milestone, "due", 92, () -> json.textNode(asOf.plusDays(random.nextInt(90) - 20).toString()));
        optional(milestone, "status", 95, () -> json.textNode(chance(55) ? "PENDING" : "DONE"));
        return milestone;
    }

    private ObjectNode pricing() {
        ObjectNode pricing = json.objectNode();
        BigDecimal ours = amount(5_000, 500_000);
        optional(pricing, "ourPrice", 95, () -> json.numberNode(ours));
        optional(pricing, "lowestCompetitorPrice", 85, () -> json.numberNode(
                ours.multiply(BigDecimal.valueOf(80 + random.nextInt(41))).movePointLeft(2)));
        return pricing;
    }

    private ObjectNode competitor() {
        ObjectNode competitor = json.objectNode().put("name", pick(COMPETITORS));
        optional(competitor, "fitsRequirements", 90, () -> json.booleanNode(chance(55)));
        optional(competitor, "fitsInfrastructure", 90, () -> json.booleanNode(chance(65)));
        return competitor;
    }

    private ObjectNode incident() {
        ObjectNode incident = json.objectNode().put("id", "INC-" + random.nextInt(1000));
        optional(incident, "summary", 80, () -> json.textNode(pick("late delivery", "billing error", "outage")));
        BigDecimal loss = amount(100, 10_000);
        optional(incident, "clientLoss", 95, () -> json.numberNode(loss));
        optional(incident, "apologized", 90, () -> json.booleanNode(chance(65)));
        optional(incident, "amendsOffered", 85, () -> json.numberNode(
                loss.multiply(BigDecimal.valueOf(random.nextInt(4)))));
        optional(incident, "resolved", 90, () -> json.booleanNode(chance(40)));
        return incident;
    }

    private void list(ObjectNode deal, String field, int size, Supplier<ObjectNode> element) {
        if (size == 0 && chance(50)) {
            return; // absent rather than empty
        }
        ArrayNode array = deal.putArray(field);
        for (int i = 0; i < size; i++) {
            array.add(element.get());
        }
    }

    private void optional(ObjectNode parent, String field, int percent,
                          Supplier<JsonNode> value) {
        if (chance(percent)) {
            parent.set(field, value.get());
        }
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

    private String pick(String... values) {
        return values[random.nextInt(values.length)];
    }
}

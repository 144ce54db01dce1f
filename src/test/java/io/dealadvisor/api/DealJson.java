package io.dealadvisor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Request bodies for the API tests: the deal of SPEC.md section 4, changed one field at a time by its path,
 * written the way the API names fields in errors ({@code milestones[0].due}).
 */
final class DealJson {

    /** Decimals stay as written (read as a double, 1e999999999 would be sent as the text "Infinity"). */
    static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final Pattern STEP = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

    /** The example of SPEC.md section 4, dated so that its milestone is still ahead: WAIT until 2026-12-15. */
    private static final String SPEC_EXAMPLE = """
            {
              "id": "OPP-2026-0042",
              "asOf": "2026-11-23",
              "client": { "name": "Northwind Logistics", "relationshipYears": 4, "lifetimeValue": 850000,
                          "statedNoNeed": false, "needConfirmed": null },
              "offering": { "name": "Freight audit suite", "category": "SPECIALTY", "novelty": "NEW_TO_CLIENT",
                            "amount": 120000, "currency": "EUR" },
              "discovery": { "problemDiagnosed": true, "desiredOutcome": "cut freight audit time by half",
                             "positioning": "WANT", "requirementsCovered": 0.85, "nothingNeeded": false },
              "infrastructure": { "fit": "MINOR_CHANGES", "approvalsRequired": 2, "politicalResistance": "LOW" },
              "incumbent": { "vendor": "Contoso", "sameCategory": true, "clientSatisfied": true },
              "milestones": [ { "name": "Security review", "due": "2026-12-15", "status": "PENDING" } ],
              "pricing": { "ourPrice": 120000, "lowestCompetitorPrice": 100000 },
              "competitors": [ { "name": "Acme", "fitsRequirements": true, "fitsInfrastructure": true } ],
              "pressure": { "internalPushToClose": true, "reason": "quarter end" },
              "incidents": [ { "id": "INC-7", "summary": "late delivery", "clientLoss": 500,
                               "apologized": false, "amendsOffered": 0, "resolved": false } ]
            }
            """;

    private final ObjectNode deal;

    private DealJson(ObjectNode deal) {
        this.deal = deal;
    }

    /** WAIT: a pending milestone and an incident without apology hold it back. */
    static DealJson specExample() {
        return parse(SPEC_EXAMPLE);
    }

    /** Only what is required; WAIT, as nothing is known about the client's problem. */
    static DealJson minimal() {
        return parse("""
                { "id": "OPP-MINIMAL", "client": { "name": "Northwind Logistics" },
                  "offering": { "name": "Freight audit suite" } }""");
    }

    /** PROCEED: the example without what holds it back. */
    static DealJson ready() {
        return specExample().without("milestones").without("incidents").withId("OPP-READY");
    }

    /** REFER: too little of the requirements covered, and a competitor that fits after one that does not. */
    static DealJson poorFit() {
        return specExample().withId("OPP-POOR-FIT")
                .with("discovery.requirementsCovered", "0.4")
                .with("competitors", """
                        [ { "name": "Globex", "fitsRequirements": true, "fitsInfrastructure": false },
                          { "name": "Acme", "fitsRequirements": true, "fitsInfrastructure": true } ]""");
    }

    /** NO_SALE: our analysis says the client needs nothing. */
    static DealJson nothingNeeded() {
        return ready().withId("OPP-NOTHING-NEEDED").with("discovery.nothingNeeded", "true");
    }

    private static DealJson parse(String json) {
        try {
            return new DealJson((ObjectNode) JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    static String batch(List<DealJson> deals) {
        ArrayNode array = JSON.createArrayNode();
        deals.forEach(deal -> array.add(deal.deal));
        return array.toString();
    }

    DealJson withId(String id) {
        return with("id", TextNode.valueOf(id));
    }

    /**
     * A copy with the value at {@code path} set to {@code jsonValue}, JSON text such as {@code "\"EUR\""}; an
     * index one past the end of an array appends.
     */
    DealJson with(String path, String jsonValue) {
        try {
            return with(path, JSON.readTree(jsonValue));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(jsonValue, e);
        }
    }

    DealJson with(String path, JsonNode value) {
        ObjectNode copy = deal.deepCopy();
        List<Object> steps = steps(path);
        JsonNode parent = parent(copy, steps);
        Object last = steps.get(steps.size() - 1);
        if (last instanceof Integer index && index == parent.size()) {
            ((ArrayNode) parent).add(value);
        } else if (last instanceof Integer index) {
            ((ArrayNode) parent).set(index, value);
        } else {
            ((ObjectNode) parent).set((String) last, value);
        }
        return new DealJson(copy);
    }

    DealJson without(String path) {
        ObjectNode copy = deal.deepCopy();
        List<Object> steps = steps(path);
        ((ObjectNode) parent(copy, steps)).remove((String) steps.get(steps.size() - 1));
        return new DealJson(copy);
    }

    /** The container of the last step, creating missing objects on the way. */
    private static JsonNode parent(ObjectNode root, List<Object> steps) {
        JsonNode node = root;
        for (Object step : steps.subList(0, steps.size() - 1)) {
            if (step instanceof Integer index) {
                node = node.get(index);
            } else {
                JsonNode child = node.get((String) step);
                node = child != null && child.isContainerNode() ? child : ((ObjectNode) node).putObject((String) step);
            }
        }
        return node;
    }

    /** {@code milestones[0].due} as the steps {@code "milestones", 0, "due"}. */
    private static List<Object> steps(String path) {
        List<Object> steps = new ArrayList<>();
        Matcher step = STEP.matcher(path);
        while (step.find()) {
            steps.add(step.group(1) != null ? step.group(1) : Integer.valueOf(step.group(2)));
        }
        return steps;
    }

    @Override
    public String toString() {
        return deal.toString();
    }
}

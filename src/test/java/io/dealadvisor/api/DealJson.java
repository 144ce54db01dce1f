package io.dealadvisor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.dealadvisor.testing.DealSchema;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Request bodies for the API tests: the contract's example deal, changed one field at a time by its path, written
 * the way the API names fields in errors ({@code milestones[0].due}). Every path, and every member named in a value,
 * must be a field of the contract's deal ({@link DealSchema}); members the contract does not describe are sent only
 * through {@link #withUnknown}.
 */
final class DealJson {

    /** Decimals stay as written (read as a double, 1e999999999 would be sent as the text "Infinity"). */
    static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final Pattern STEP = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

    private final DealSchema schema;
    private final ObjectNode deal;

    private DealJson(DealSchema schema, ObjectNode deal) {
        this.schema = schema;
        this.deal = deal;
    }

    /** The contract's example: WAIT until 2026-12-15, held back by a pending milestone and an unapologised incident. */
    static DealJson specExample() {
        return specExample(DealSchema.contract());
    }

    static DealJson specExample(DealSchema schema) {
        return of(schema, schema.example());
    }

    /** Only what is required; WAIT, as nothing is known about the client's problem. */
    static DealJson minimal() {
        DealSchema schema = DealSchema.contract();
        return of(schema, schema.minimalExample()).withId("OPP-MINIMAL");
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

    /** Read again as JSON, so that its decimals are exact like every other value here (YAML reads 0.85 as a double). */
    private static DealJson of(DealSchema schema, ObjectNode deal) {
        try {
            DealJson json = new DealJson(schema, (ObjectNode) JSON.readTree(deal.toString()));
            schema.checkDeal(json.deal);
            return json;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(deal.toString(), e);
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
        schema.check(path, value);
        return set(path, value);
    }

    /** A copy with a member the contract does not describe, which the service must ignore. */
    DealJson withUnknown(String path, String jsonValue) {
        if (schema.knows(path)) {
            throw new IllegalArgumentException("'" + path + "' is a field of the deal in the contract");
        }
        try {
            return set(path, JSON.readTree(jsonValue));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(jsonValue, e);
        }
    }

    private DealJson set(String path, JsonNode value) {
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
        return new DealJson(schema, copy);
    }

    DealJson without(String path) {
        schema.field(path);
        ObjectNode copy = deal.deepCopy();
        List<Object> steps = steps(path);
        ((ObjectNode) parent(copy, steps)).remove((String) steps.get(steps.size() - 1));
        return new DealJson(schema, copy);
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

package io.dealadvisor.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dealadvisor.intake.StrictJson;
import io.dealadvisor.testing.DealSchema;

/**
 * Builds test deals from a deal that goes ahead, changing one field at a time by its path. Every path, and every
 * member named in a value or a parsed deal, must be a field of the contract's deal ({@link DealSchema}).
 */
public final class Deals {

    public static final ObjectMapper JSON = StrictJson.newMapper();
    private static final DealSchema SCHEMA = DealSchema.contract();

    private final ObjectNode deal;

    private Deals(ObjectNode deal) {
        this.deal = deal;
    }

    /** A deal nothing holds back: diagnosed, wanted, covered, fitting, no milestones or incidents. */
    public static Deals ready() {
        return parse("""
                {
                  "id": "OPP-READY",
                  "asOf": "2026-11-23",
                  "client": { "name": "Northwind Logistics", "relationshipYears": 4, "lifetimeValue": 200000 },
                  "offering": { "name": "Freight audit suite", "category": "SPECIALTY", "novelty": "NEW_TO_CLIENT",
                                "amount": 120000, "currency": "EUR" },
                  "discovery": { "problemDiagnosed": true, "desiredOutcome": "cut freight audit time by half",
                                 "positioning": "WANT", "requirementsCovered": 0.85, "nothingNeeded": false },
                  "infrastructure": { "fit": "MINOR_CHANGES", "approvalsRequired": 2, "politicalResistance": "LOW" }
                }
                """);
    }

    public static Deals parse(String json) {
        ObjectNode deal;
        try {
            deal = (ObjectNode) JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
        SCHEMA.checkDeal(deal);
        return new Deals(deal);
    }

    /** Sets a field by its dotted path ({@code discovery.requirementsCovered}); the value is JSON text. */
    public Deals with(String path, String jsonValue) {
        JsonNode value = read(jsonValue);
        SCHEMA.check(path, value);
        String[] names = path.split("\\.");
        ObjectNode parent = deal;
        for (int i = 0; i < names.length - 1; i++) {
            JsonNode child = parent.get(names[i]);
            if (child == null || !child.isObject()) {
                child = parent.putObject(names[i]);
            }
            parent = (ObjectNode) child;
        }
        parent.set(names[names.length - 1], value);
        return this;
    }

    public Deals without(String path) {
        SCHEMA.field(path);
        int dot = path.lastIndexOf('.');
        JsonNode parent = dot < 0 ? deal : deal.at("/" + path.substring(0, dot).replace('.', '/'));
        if (parent instanceof ObjectNode object) {
            object.remove(path.substring(dot + 1));
        }
        return this;
    }

    /** Appends an element, given as JSON text, to the array at {@code field}. */
    public Deals add(String field, String jsonElement) {
        JsonNode element = read(jsonElement);
        SCHEMA.check(field + "[]", element);
        ArrayNode array = deal.has(field) ? (ArrayNode) deal.get(field) : deal.putArray(field);
        array.add(element);
        return this;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    public ObjectNode json() {
        return deal.deepCopy();
    }

    @Override
    public String toString() {
        return deal.toString();
    }
}

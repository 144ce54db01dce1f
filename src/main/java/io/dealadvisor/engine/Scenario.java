package io.dealadvisor.engine;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An analyst's test from {@code rules/scenarios/*.yaml}: a deal and what the rules should advise for it.
 * {@code expect} is kept as JSON so that an absent {@code referTo} (not checked) differs from a null one
 * (checked to be null).
 */
public record Scenario(String file, String name, JsonNode deal, JsonNode expect) {
}

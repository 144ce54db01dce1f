package io.dealadvisor.api;

import io.dealadvisor.wire.AdviceDocument;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;

import java.util.List;
import java.util.Map;

/**
 * The answer to a batch: one result per deal, in request order, and how many got each advice (keyed in the
 * order of the ruleset's precedence) and how many were errors.
 */
@JsonPropertyOrder({"results", "summary"})
public record BatchResult(List<Item> results, Map<String, Integer> summary) {

    /** Either the advice for the deal at {@code index} (as answered, with its decision id) or the problem. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"index", "decisionId", "advice", "problem"})
    public record Item(int index, String decisionId, @JsonRawValue String advice, Problem problem) {
    }
}

package io.dealadvisor.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dealadvisor.domain.Verdict;

import java.util.List;

/** The answer to a batch: one result per deal, in request order, and how many got each advice. */
public record BatchResult(List<Item> results, Summary summary) {

    /** Either the advice for the deal at {@code index} or the problem with it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(int index, Verdict advice, Problem problem) {
    }

    public record Summary(@JsonProperty("PROCEED") int proceed, @JsonProperty("WAIT") int waitFor,
                          @JsonProperty("REFER") int refer, @JsonProperty("NO_SALE") int noSale, int errors) {
    }
}

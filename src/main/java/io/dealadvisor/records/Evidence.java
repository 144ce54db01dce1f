package io.dealadvisor.records;

import java.util.List;
import java.util.Map;

/**
 * The truths measured against what the sales systems reported: the decisions of a period, how many have an
 * outcome, and those outcomes counted by final advice and by each truth that voted for it, apart for the sellers
 * who followed the advice and those who did not. Only an advice or a truth with at least one outcome is listed.
 */
public record Evidence(long decisions, long withOutcome, List<ByAdvice> byAdvice, List<ByTruth> byTruth) {

    public record ByAdvice(String advice, Group followed, Group notFollowed) {
    }

    public record ByTruth(String truth, Group followed, Group notFollowed) {
    }

    /**
     * Outcomes of one kind.
     *
     * @param retained      outcomes whose client is still with us
     * @param retentionRate {@code retained} over the outcomes whose client's retention is known; null when none is
     * @param results       how many outcomes had each result, every result named
     */
    public record Group(long outcomes, long retained, Double retentionRate, Map<String, Long> results) {
    }
}

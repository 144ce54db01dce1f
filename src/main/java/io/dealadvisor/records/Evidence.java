package io.dealadvisor.records;

import java.util.List;
import java.util.Map;

/**
 * The truths measured against what the sales systems reported: the decisions of a period, how many have an
 * outcome, and those outcomes counted by final advice and by each truth that voted for it, apart for the sellers
 * who followed the advice and those who did not. Only an advice or a truth with at least one outcome is listed.
 */
public record Evidence(long decisions, long withOutcome, List<ByAdvice> byAdvice, List<ByTruth> byTruth) {

    /** The outcomes of one final advice; {@code difference} and {@code verdict} as in {@link ByTruth}. */
    public record ByAdvice(String advice, Group followed, Group notFollowed, Difference difference,
                           RetentionStatistics.Verdict verdict) {
    }

    /**
     * The outcomes of the decisions a truth voted for.
     *
     * @param difference the followed retention rate minus the not followed one, with its 95 % interval; null when
     *                   either rate is
     * @param verdict    what the interval says ({@link RetentionStatistics.Verdict})
     */
    public record ByTruth(String truth, Group followed, Group notFollowed, Difference difference,
                          RetentionStatistics.Verdict verdict) {
    }

    /**
     * Outcomes of one kind.
     *
     * @param retained          outcomes whose client is still with us
     * @param known             outcomes whose client's retention is known: the sample behind the rate
     * @param retentionRate     {@code retained} over {@code known}; null when none is known
     * @param retentionInterval the 95 % Wilson score interval of the rate, [low, high]; null with the rate
     * @param results           how many outcomes had each result, every result named
     */
    public record Group(long outcomes, long retained, long known, Double retentionRate, List<Double> retentionInterval,
                        Map<String, Long> results) {
    }

    /**
     * A difference of two retention rates, rounded to three decimals, and its 95 % interval, [low, high], rounded
     * outward.
     */
    public record Difference(double value, List<Double> interval) {
    }
}

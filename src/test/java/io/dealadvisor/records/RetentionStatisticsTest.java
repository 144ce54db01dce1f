package io.dealadvisor.records;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The intervals against figures published independently of this code: Newcombe's own worked examples (Statistics
 * in Medicine 17, 1998: "Two-sided confidence intervals for the single proportion", table I, and "Interval
 * estimation for the difference between independent proportions", method 10) and the figures of the issue that
 * asked for them, worked out by hand.
 */
class RetentionStatisticsTest {

    private static final double PUBLISHED = 0.00005;

    @ParameterizedTest(name = "{0} of {1}: [{2}, {3}]")
    @CsvSource({"81, 263, 0.2553, 0.3662", "15, 148, 0.0624, 0.1605", "0, 20, 0.0000, 0.1611",
            "1, 29, 0.0061, 0.1718", "17, 24, 0.5083, 0.8509", "7, 13, 0.2914, 0.7679"})
    void wilsonScoreIntervalsMatchThePublishedOnes(long retained, long known, double low, double high) {
        RetentionStatistics.Interval interval = RetentionStatistics.wilson(retained, known);
        assertEquals(low, interval.low(), PUBLISHED);
        assertEquals(high, interval.high(), PUBLISHED);
    }

    @ParameterizedTest(name = "{0}/{1} - {2}/{3}: [{4}, {5}]")
    @CsvSource({"56, 70, 48, 80, 0.0524, 0.3339", "9, 10, 3, 10, 0.1705, 0.8090",
            "17, 24, 7, 13, -0.1345, 0.4551", "96, 123, 30, 51, 0.0439, 0.3431", "50, 61, 16, 29, 0.0679, 0.4601"})
    void newcombeDifferenceIntervalsMatchThePublishedOnes(long r1, long n1, long r2, long n2, double low,
                                                         double high) {
        RetentionStatistics.Interval interval = RetentionStatistics.newcombe(r1, n1, r2, n2);
        assertEquals(low, interval.low(), PUBLISHED);
        assertEquals(high, interval.high(), PUBLISHED);
    }

    /** The value to three decimals; the interval outward (0.4551 up to 0.456), so it holds the exact one. */
    @Test
    void aDifferenceIsShownRoundedToThreeDecimalsAndItsIntervalOutward() {
        Evidence.Difference difference = RetentionStatistics.difference(17, 24, 7, 13);
        assertEquals(0.17, difference.value());
        assertEquals(List.of(-0.135, 0.456), difference.interval());
    }

    /**
     * 16 of 19 against 5 of 10 has an exact low end of +0.00034, which shows as 0.0: the verdict reads what is shown,
     * so it is undecided (it said supported beside [0.0, 0.625]); 12 of 13 against 7 of 12 (-0.00019) shows -0.001.
     */
    @Test
    void theVerdictReadsTheIntervalAsShown() {
        assertEquals(List.of(0.0, 0.625), RetentionStatistics.difference(16, 19, 5, 10).interval());
        assertEquals(RetentionStatistics.Verdict.UNDECIDED, RetentionStatistics.verdict(16, 19, 5, 10));
        assertEquals(List.of(-0.001, 0.612), RetentionStatistics.difference(12, 13, 7, 12).interval());
        assertEquals(RetentionStatistics.Verdict.UNDECIDED, RetentionStatistics.verdict(12, 13, 7, 12));
    }

    /** A high end just below 0 shows as 0.0, never -0.0 (which JSON and the tools print as "-0"). */
    @Test
    void aBoundRoundedUpToZeroIsZeroNotMinusZero() {
        List<Double> interval = RetentionStatistics.difference(0, 10, 7, 22).interval();
        assertEquals(0.0, interval.get(1));
        assertEquals(0, Double.compare(0.0, interval.get(1)), "positive zero: " + interval);
    }

    /** The example: 17 of 24 against 7 of 13 looks supported, and the data cannot tell. */
    @Test
    void anIntervalHoldingZeroIsUndecidedWhateverTheRatesLookLike() {
        assertEquals(RetentionStatistics.Verdict.UNDECIDED, RetentionStatistics.verdict(17, 24, 7, 13));
    }

    @Test
    void anIntervalAboveZeroSupportsAndOneBelowContradicts() {
        assertEquals(RetentionStatistics.Verdict.SUPPORTED, RetentionStatistics.verdict(96, 123, 30, 51));
        assertEquals(RetentionStatistics.Verdict.CONTRADICTED, RetentionStatistics.verdict(30, 51, 96, 123));
    }

    @Test
    void fewerThanTenKnownOutcomesOnASideIsTooFew() {
        assertEquals(RetentionStatistics.Verdict.TOO_FEW, RetentionStatistics.verdict(9, 9, 0, 100));
        assertEquals(RetentionStatistics.Verdict.TOO_FEW, RetentionStatistics.verdict(100, 100, 0, 9));
        assertEquals(RetentionStatistics.Verdict.SUPPORTED, RetentionStatistics.verdict(10, 10, 0, 10));
    }

    @Test
    void noKnownOutcomeHasNoIntervalAndNoDifference() {
        assertNull(RetentionStatistics.wilson(0, 0));
        assertNull(RetentionStatistics.difference(0, 0, 5, 10));
        assertEquals(RetentionStatistics.Verdict.TOO_FEW, RetentionStatistics.verdict(0, 0, 5, 10));
    }
}

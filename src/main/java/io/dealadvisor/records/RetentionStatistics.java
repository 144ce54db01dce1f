package io.dealadvisor.records;

import org.apache.commons.math3.stat.interval.ConfidenceInterval;
import org.apache.commons.math3.stat.interval.WilsonScoreInterval;

import java.util.List;

/**
 * How sure a retention figure is. A rate gets its 95 % Wilson score interval; the difference between the rate
 * where the advice was followed and where it was not gets Newcombe's hybrid score interval, built from the two
 * Wilson intervals; the verdict reads that interval. Rates and differences are rounded to three decimals, and
 * intervals outward (low down, high up), so a shown interval always holds the exact one; the verdict is read from
 * the interval as shown, so it never calls supported an interval that shows 0 at its low end.
 */
public final class RetentionStatistics {

    static final double CONFIDENCE = 0.95;
    /** Outcomes with a known client status each side needs before a verdict is given. */
    public static final int FEWEST_OUTCOMES = 10;

    private RetentionStatistics() {
    }

    /** What the data says about following an advice. */
    public enum Verdict {
        /** Clients stayed more often when the advice was followed, and the interval lies above 0. */
        SUPPORTED,
        /** Clients stayed less often when the advice was followed, and the interval lies below 0. */
        CONTRADICTED,
        /** The interval holds 0: the data cannot tell either way. */
        UNDECIDED,
        /** A side has fewer than {@value #FEWEST_OUTCOMES} outcomes with a known client status. */
        TOO_FEW
    }

    /** An interval, low and high, in that order. */
    record Interval(double low, double high) {
        /** Rounded to three decimals outward: what is shown, and what the verdict reads. */
        Interval shown() {
            // + 0.0 turns the -0.0 of a bound rounded up to 0 from below into 0.0
            return new Interval(Math.floor(low * 1000 + ROUNDING_SLACK) / 1000 + 0.0,
                    Math.ceil(high * 1000 - ROUNDING_SLACK) / 1000 + 0.0);
        }

        List<Double> asList() {
            return List.of(low, high);
        }
    }

    /** Keeps a bound that is a whole thousandth but for binary arithmetic (0.5 as 0.50000000001) where it is. */
    private static final double ROUNDING_SLACK = 1e-9;

    /** The 95 % Wilson score interval of {@code retained} out of {@code known}; null when nothing is known. */
    static Interval wilson(long retained, long known) {
        if (known == 0) {
            return null;
        }
        ConfidenceInterval interval = new WilsonScoreInterval().createInterval(Math.toIntExact(known),
                Math.toIntExact(retained), CONFIDENCE);
        return new Interval(interval.getLowerBound(), interval.getUpperBound());
    }

    /**
     * The difference of the two rates ({@code followed} minus {@code notFollowed}) with Newcombe's hybrid score
     * interval; null when either rate is unknown.
     */
    static Evidence.Difference difference(long retainedFollowed, long knownFollowed, long retainedNotFollowed,
                                          long knownNotFollowed) {
        Interval newcombe = newcombe(retainedFollowed, knownFollowed, retainedNotFollowed, knownNotFollowed);
        if (newcombe == null) {
            return null;
        }
        double value = (double) retainedFollowed / knownFollowed - (double) retainedNotFollowed / knownNotFollowed;
        return new Evidence.Difference(round(value), newcombe.shown().asList());
    }

    static Verdict verdict(long retainedFollowed, long knownFollowed, long retainedNotFollowed,
                           long knownNotFollowed) {
        if (knownFollowed < FEWEST_OUTCOMES || knownNotFollowed < FEWEST_OUTCOMES) {
            return Verdict.TOO_FEW;
        }
        Interval newcombe = newcombe(retainedFollowed, knownFollowed, retainedNotFollowed, knownNotFollowed).shown();
        if (newcombe.low() > 0) {
            return Verdict.SUPPORTED;
        }
        return newcombe.high() < 0 ? Verdict.CONTRADICTED : Verdict.UNDECIDED;
    }

    /** Newcombe (1998), method 10: the hybrid score interval of p1 - p2 from the Wilson intervals of each. */
    static Interval newcombe(long retained1, long known1, long retained2, long known2) {
        Interval first = wilson(retained1, known1);
        Interval second = wilson(retained2, known2);
        if (first == null || second == null) {
            return null;
        }
        double p1 = (double) retained1 / known1;
        double p2 = (double) retained2 / known2;
        double difference = p1 - p2;
        double below = Math.sqrt(square(p1 - first.low()) + square(second.high() - p2));
        double above = Math.sqrt(square(first.high() - p1) + square(p2 - second.low()));
        return new Interval(difference - below, difference + above);
    }

    private static double square(double value) {
        return value * value;
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}

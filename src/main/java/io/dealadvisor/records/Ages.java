package io.dealadvisor.records;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * An age given in configuration as an ISO-8601 period ({@code P3Y}, {@code P90D}) or duration ({@code PT24H}):
 * {@link Duration} alone cannot read years or months.
 */
public final class Ages {

    private final String key;
    private final String text;
    private final Period period;
    private final Duration duration;

    private Ages(String key, String text, Period period, Duration duration) {
        this.key = key;
        this.text = text;
        this.period = period;
        this.duration = duration;
    }

    /** Reads {@code text}, the value of configuration key {@code key}; refuses one shorter than {@code least}. */
    public static Ages parse(String key, String text, Duration least) {
        String trimmed = text == null ? "" : text.trim().toUpperCase();
        Ages age;
        try {
            age = trimmed.contains("T") ? new Ages(key, trimmed, null, Duration.parse(trimmed))
                    : new Ages(key, trimmed, Period.parse(trimmed), null);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + " must be an ISO-8601 period or duration (P3Y, P90D, PT24H), not '"
                    + text + "'");
        }
        Instant now = Instant.now();
        if (age.before(now).isAfter(now.minus(least))) {
            throw new IllegalArgumentException(key + " must be at least " + least + ", not " + text);
        }
        return age;
    }

    /** The instant this age before {@code now}: in UTC's calendar for a period. */
    public Instant before(Instant now) {
        return period != null ? now.atZone(ZoneOffset.UTC).minus(period).toInstant() : now.minus(duration);
    }

    /**
     * Whether this age can reach further back than {@code other}, whatever the date: months and years are counted at
     * their longest here and their shortest there, so that the answer does not change with the calendar (P1M against
     * P30D is longer, though not in February).
     */
    boolean longerThan(Ages other) {
        return seconds(31, 366) > other.seconds(28, 365);
    }

    private long seconds(int daysAMonth, int daysAYear) {
        if (duration != null) {
            return duration.getSeconds();
        }
        return ((long) period.getYears() * daysAYear + (long) period.getMonths() * daysAMonth + period.getDays())
                * 86_400L;
    }

    @Override
    public String toString() {
        return text;
    }

    String key() {
        return key;
    }
}

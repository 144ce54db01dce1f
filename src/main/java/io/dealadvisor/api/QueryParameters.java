package io.dealadvisor.api;

import io.dealadvisor.domain.Advice;
import io.dealadvisor.intake.FieldError;
import io.dealadvisor.intake.Ids;
import io.dealadvisor.records.DecisionCursor;
import io.dealadvisor.records.DecisionQuery;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Reads query parameters as the decision listing reads them, collecting what is wrong with each instead of
 * stopping at the first; {@link #valid()} then refuses the request with all of it. Each value is first taken by
 * {@link #once}, and the readers below take its null as absent.
 */
final class QueryParameters {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;
    private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");
    /** Up to nine digits, which an int holds. */
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");

    private final List<FieldError> errors = new ArrayList<>();

    /** Throws when a parameter read so far is not valid, naming every one that is not. */
    void valid() {
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(InvalidRequestException.Kind.PARAMETERS, errors);
        }
    }

    /** A parameter that is not valid, found by the caller. */
    void error(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    /**
     * The one value of a parameter, or null when it is missing or empty: any other value, blank or not, is checked as
     * it was sent. Given more than once, it is reported (which would the caller mean?) and null.
     */
    String once(String field, List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            error(field, "must be given once, not " + values.size() + " times");
            return null;
        }
        return values.get(0).isEmpty() ? null : values.get(0);
    }

    /** The decisions asked for; {@code from} is inclusive, {@code to} exclusive. */
    DecisionQuery query(String dealId, String advice, String rulesetVersion, String from, String to) {
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (start != null && end != null && !end.isAfter(start)) {
            error("to", "must be later than from (from is inclusive, to exclusive)");
        }
        return new DecisionQuery(text("dealId", dealId), advice(advice), text("rulesetVersion", rulesetVersion), start,
                end);
    }

    /** ASCII digits only: Integer.parseInt would also take a sign and the digits of other scripts. */
    int limit(String text) {
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        if (DIGITS.matcher(text).matches()) {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        }
        error("limit", "must be a whole number from 1 to " + MAX_LIMIT);
        return DEFAULT_LIMIT;
    }

    DecisionCursor cursor(String token) {
        if (token == null) {
            return null;
        }
        try {
            DecisionCursor cursor = DecisionCursor.parse(token);
            storable(cursor.decidedAt());
            return cursor;
        } catch (IllegalArgumentException | DateTimeException e) {
            invalidCursor();
            return null;
        }
    }

    /** The cursor of the page after one that ends with these two keys: opaque to the caller. */
    static String next(Object first, Object second) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((first + "/" + second)
                .getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Where the page asked for starts: the two keys of a cursor made by {@link #next}, read by {@code keys}; null when
     * none is given, and reported (null) when it is not one this service gave.
     */
    <T> T after(String cursor, BiFunction<String, String, T> keys) {
        if (cursor == null) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int slash = text.indexOf('/');
            return keys.apply(text.substring(0, slash), text.substring(slash + 1));
        } catch (RuntimeException e) {
            invalidCursor();
            return null;
        }
    }

    void invalidCursor() {
        error("cursor", "must be the next of a previous page, as it was given");
    }

    private String advice(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Advice.valueOf(text).name();
        } catch (IllegalArgumentException e) {
            error("advice", "must be one of " + Arrays.toString(Advice.values()));
            return null;
        }
    }

    /** An ISO date (the start of that day in UTC) or an ISO date-time with its offset. */
    private Instant instant(String field, String text) {
        if (text == null) {
            return null;
        }
        Instant at;
        try {
            at = text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            error(field, "must be an ISO date (2026-11-23) or date-time (2026-11-23T10:15:00Z)");
            return null;
        }
        try {
            return storable(at);
        } catch (DateTimeException e) {
            error(field, "must be in the years 0000 to 9999");
            return null;
        }
    }

    /**
     * {@code at} when its year has four digits; else {@link DateTimeException}. The stores keep and order times of
     * those years only (SQLite as ISO text, which a fifth digit would sort wrongly).
     */
    static Instant storable(Instant at) {
        if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
            throw new DateTimeException("not in the years 0000 to 9999: " + at);
        }
        return at;
    }

    /** {@code day} when its year has four digits; else {@link DateTimeException}. */
    static LocalDate storable(LocalDate day) {
        if (day.getYear() < 0 || day.getYear() > 9999) {
            throw new DateTimeException("not in the years 0000 to 9999: " + day);
        }
        return day;
    }

    /** A parameter compared with stored ids: null when absent; reported when it could be no id ({@link Ids}). */
    private String text(String field, String text) {
        if (text == null) {
            return null;
        }
        String problem = Ids.problem(text);
        if (problem != null) {
            error(field, problem);
            return null;
        }
        return text;
    }
}

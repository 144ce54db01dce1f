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

/**
 * Reads query parameters as the decision listing reads them, collecting what is wrong with each instead of
 * stopping at the first; {@link #valid()} then refuses the request with all of it.
 */
final class QueryParameters {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;
    private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    private final List<FieldError> errors = new ArrayList<>();

    /**
     * The decisions asked for, when every parameter of them is valid.
     *
     * @throws InvalidRequestException naming every parameter that is not valid
     */
    static DecisionQuery validQuery(String dealId, String advice, String rulesetVersion, String from, String to) {
        QueryParameters read = new QueryParameters();
        DecisionQuery query = read.query(dealId, advice, rulesetVersion, from, to);
        read.valid();
        return query;
    }

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

    int limit(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below, like a number out of range
        }
        error("limit", "must be a whole number from 1 to " + MAX_LIMIT);
        return DEFAULT_LIMIT;
    }

    DecisionCursor cursor(String token) {
        if (token == null || token.isBlank()) {
            return null;
        }
        try {
            DecisionCursor cursor = DecisionCursor.parse(token.trim());
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
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
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
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Advice.valueOf(text.trim()).name();
        } catch (IllegalArgumentException e) {
            error("advice", "must be one of " + Arrays.toString(Advice.values()));
            return null;
        }
    }

    /** An ISO date (the start of that day in UTC) or an ISO date-time with its offset. */
    private Instant instant(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Instant at;
        try {
            at = text.trim().length() == 10 ? LocalDate.parse(text.trim()).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(text.trim()).toInstant();
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

    /** A parameter compared with stored ids: null when blank; reported when it could be no id ({@link Ids}). */
    private String text(String field, String text) {
        if (text == null || text.isBlank()) {
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

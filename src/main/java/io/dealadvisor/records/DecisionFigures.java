package io.dealadvisor.records;

import io.dealadvisor.domain.Advice;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Figures of the decisions that hold no deal, for analysts: decisions counted per UTC day and advice, and the deals
 * whose latest advice was to wait until a day that has come. Both are computed by the database, so their cost does
 * not grow with the decisions a caller reads.
 */
@ApplicationScoped
public class DecisionFigures {

    private final DecisionStore store;

    public DecisionFigures(DecisionStore store) {
        this.store = store;
    }

    /** One UTC day: the day, then the count of each advice (every advice named, zeros included). */
    public static Map<String, Object> day(LocalDate day, Map<String, Long> counts) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("day", day.toString());
        for (Advice advice : Advice.values()) {
            shown.put(advice.name(), counts.getOrDefault(advice.name(), 0L));
        }
        return shown;
    }

    /** The decisions decided in [{@code from}, {@code to}) counted per UTC day and advice, oldest day first. */
    public List<Map<String, Object>> perDay(Instant from, Instant to) {
        StoreTypes types = store.types();
        String day = types.utcDay("decided_at");
        List<String> range = new ArrayList<>();
        List<Object> bounds = new ArrayList<>();
        if (from != null) {
            range.add("decided_at >= ?");
            bounds.add(types.instant(from));
        }
        if (to != null) {
            range.add("decided_at < ?");
            bounds.add(types.instant(to));
        }
        String sql = "SELECT " + day + " AS decided_day, advice, COUNT(*) AS decisions FROM decision"
                + (range.isEmpty() ? "" : " WHERE " + String.join(" AND ", range)) + " GROUP BY " + day + ", advice";
        Map<LocalDate, Map<String, Long>> days = new TreeMap<>();
        try (Connection connection = store.connection(); PreparedStatement select = store.query(connection, sql)) {
            for (int i = 0; i < bounds.size(); i++) {
                select.setObject(i + 1, bounds.get(i));
            }
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    days.computeIfAbsent(types.date(result, "decided_day"), each -> new LinkedHashMap<>())
                            .put(result.getString("advice"), result.getLong("decisions"));
                }
            }
        } catch (SQLException e) {
            throw DecisionStore.unavailable(e);
        }
        List<Map<String, Object>> shown = new ArrayList<>(days.size());
        days.forEach((date, counts) -> shown.add(day(date, counts)));
        return shown;
    }

    /** A deal to call back: its latest decision was to wait until {@code revisitOn}. */
    public record Revisit(String dealId, UUID decisionId, LocalDate revisitOn, String headline, Instant decidedAt) {
    }

    /** Where a page of revisits ends: its last revisit's day and decision. */
    public record RevisitCursor(LocalDate revisitOn, UUID decisionId) {
    }

    /** A condition on {@code decision d}: no later decision of the same deal (a deal decided again drops out). */
    static final String LATEST_OF_ITS_DEAL = " AND NOT EXISTS (SELECT 1 FROM decision later"
            + " WHERE later.deal_id = d.deal_id AND (later.decided_at > d.decided_at"
            + " OR (later.decided_at = d.decided_at AND later.decision_id > d.decision_id)))";

    /**
     * The deals whose latest decision is {@code WAIT} with a {@code revisitOn} on or before {@code dueBy}, soonest
     * first (then by decision id), after {@code after}; at most {@code limit}. A deal decided again later drops out.
     */
    public List<Revisit> revisits(LocalDate dueBy, RevisitCursor after, int limit) {
        StoreTypes types = store.types();
        List<Object> values = new ArrayList<>(List.of(types.date(dueBy)));
        String beyond = "";
        if (after != null) {
            beyond = " AND (d.revisit_on > ? OR (d.revisit_on = ? AND d.decision_id > ?))";
            values.add(types.date(after.revisitOn()));
            values.add(types.date(after.revisitOn()));
            values.add(types.id(after.decisionId()));
        }
        String sql = "SELECT d.deal_id, d.decision_id, d.revisit_on, d.headline, d.decided_at FROM decision d"
                + " WHERE d.advice = 'WAIT' AND d.revisit_on IS NOT NULL AND d.revisit_on <= ?" + beyond
                + LATEST_OF_ITS_DEAL + " ORDER BY d.revisit_on, d.decision_id LIMIT ?";
        List<Revisit> revisits = new ArrayList<>(limit);
        try (Connection connection = store.connection(); PreparedStatement select = store.query(connection, sql)) {
            for (int i = 0; i < values.size(); i++) {
                select.setObject(i + 1, values.get(i));
            }
            select.setInt(values.size() + 1, limit);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    revisits.add(new Revisit(result.getString("deal_id"), types.id(result, "decision_id"),
                            types.date(result, "revisit_on"), result.getString("headline"),
                            types.instant(result, "decided_at")));
                }
            }
        } catch (SQLException e) {
            throw DecisionStore.unavailable(e);
        }
        return revisits;
    }
}

package io.dealadvisor.records;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcomes of one subject (an advice, a truth, a shadow transition) added up from the rows the database counted,
 * apart for the advice followed and not followed, with how sure each figure is.
 */
final class OutcomeTally {

    /**
     * Per group of the decision table aliased {@code d}: its outcomes, those whose client stayed, those whose
     * client's retention is known.
     */
    static final String COUNTS = "COUNT(*) AS outcomes,"
            + " SUM(CASE WHEN d.outcome_client_retained THEN 1 ELSE 0 END) AS retained,"
            + " COUNT(d.outcome_client_retained) AS known";

    /** One group the database counted; its subject named by the select's {@code subject} column(s). */
    record Row(String subject, Boolean followed, String result, long outcomes, long retained, long known) {

        /** One outcome counted alone, as the database would count a group of one (an export's record, say). */
        static Row of(RecordedOutcome outcome) {
            return new Row(null, outcome.adviceFollowed(), outcome.result(), 1,
                    Boolean.TRUE.equals(outcome.clientRetained()) ? 1 : 0, outcome.clientRetained() == null ? 0 : 1);
        }
    }

    private final Sum followed = new Sum();
    private final Sum notFollowed = new Sum();

    /**
     * The rows of a select of {@code followed}, {@code result} and {@link #COUNTS}, each one's subject being the
     * values of {@code subjectColumns} joined by a space.
     */
    static List<Row> rows(PreparedStatement select, String... subjectColumns) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (ResultSet result = select.executeQuery()) {
            while (result.next()) {
                StringBuilder subject = new StringBuilder();
                for (String column : subjectColumns) {
                    subject.append(subject.isEmpty() ? "" : " ").append(result.getString(column));
                }
                rows.add(new Row(subject.toString(), StoreTypes.flag(result, "followed"), result.getString("result"),
                        result.getLong("outcomes"), result.getLong("retained"), result.getLong("known")));
            }
        }
        return rows;
    }

    void add(Row row) {
        (Boolean.TRUE.equals(row.followed()) ? followed : notFollowed).add(row);
    }

    Evidence.Group followed() {
        return followed.group();
    }

    Evidence.Group notFollowed() {
        return notFollowed.group();
    }

    Evidence.ByAdvice byAdvice(String advice) {
        return new Evidence.ByAdvice(advice, followed.group(), notFollowed.group(), difference(), verdict());
    }

    Evidence.ByTruth byTruth(String truth) {
        return new Evidence.ByTruth(truth, followed.group(), notFollowed.group(), difference(), verdict());
    }

    private Evidence.Difference difference() {
        return RetentionStatistics.difference(followed.retained, followed.known, notFollowed.retained,
                notFollowed.known);
    }

    private RetentionStatistics.Verdict verdict() {
        return RetentionStatistics.verdict(followed.retained, followed.known, notFollowed.retained,
                notFollowed.known);
    }

    private static final class Sum {
        private long outcomes;
        private long retained;
        private long known;
        private final Map<String, Long> results = new LinkedHashMap<>();

        Sum() {
            for (RecordedOutcome.Result result : RecordedOutcome.Result.values()) {
                results.put(result.name(), 0L);
            }
        }

        void add(Row row) {
            outcomes += row.outcomes();
            retained += row.retained();
            known += row.known();
            results.merge(row.result(), row.outcomes(), Long::sum);
        }

        Evidence.Group group() {
            RetentionStatistics.Interval interval = RetentionStatistics.wilson(retained, known);
            return new Evidence.Group(outcomes, retained, known, known == 0 ? null : (double) retained / known,
                    interval == null ? null : interval.shown().asList(), Collections.unmodifiableMap(results));
        }
    }
}

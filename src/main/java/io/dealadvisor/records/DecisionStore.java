package io.dealadvisor.records;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.flyway.FlywayDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import org.flywaydb.core.Flyway;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The decision records in the active database ({@code deal-advisor.decisions.store}), by plain JDBC. The same
 * SQL serves H2 and PostgreSQL.
 */
@ApplicationScoped
public class DecisionStore {

    /** Rows read per query of an export, so an export's memory does not grow with the records it writes. */
    static final int EXPORT_CHUNK = 500;

    private static final String INSERT = "INSERT INTO decision (decision_id, decided_at, deal_id, as_of, caller,"
            + " channel, duration_micros, advice, refer_to, revisit_on, ruleset_version, deal_json, advice_json,"
            + " shadow_ruleset_version, shadow_advice, shadow_differs, shadow_json, client_id, detail)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_TRUTH = "INSERT INTO decision_truth (decision_id, truth) VALUES (?, ?)";
    private static final String OUTCOME = "outcome_result, outcome_advice_followed, outcome_client_retained,"
            + " outcome_reported_on, outcome_reported_by";
    private static final String SUMMARY = "decision_id, decided_at, deal_id, as_of, advice, refer_to, revisit_on,"
            + " ruleset_version, caller, " + OUTCOME;
    private static final String WHOLE = "decision_id, decided_at, deal_id, as_of, caller, channel, duration_micros,"
            + " deal_json, advice_json, shadow_json, detail, " + OUTCOME;

    private final DecisionsConfig config;
    private final Instance<AgroalDataSource> dataSources;
    private final Instance<Flyway> migrations;

    public DecisionStore(DecisionsConfig config, @Any Instance<AgroalDataSource> dataSources,
                         @Any Instance<Flyway> migrations) {
        this.config = config;
        this.dataSources = dataSources;
        this.migrations = migrations;
    }

    /** {@code embedded} or {@code postgresql}. */
    public String kind() {
        return config.store().name();
    }

    /** A page of records, newest first, after {@code after} (null: from the newest). */
    public Page page(DecisionQuery query, DecisionCursor after, int limit) {
        List<DecisionSummary> rows = new ArrayList<>(limit + 1);
        try (Connection connection = connection();
             PreparedStatement select = select(connection, SUMMARY, query, after, false, limit + 1);
             ResultSet result = select.executeQuery()) {
            while (result.next()) {
                rows.add(new DecisionSummary(result.getObject("decision_id", UUID.class), decidedAt(result),
                        result.getString("deal_id"), result.getObject("as_of", LocalDate.class),
                        result.getString("advice"), result.getString("refer_to"),
                        result.getObject("revisit_on", LocalDate.class), result.getString("ruleset_version"),
                        result.getString("caller"), outcome(result)));
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
        if (rows.size() <= limit) {
            return new Page(rows, null);
        }
        DecisionSummary last = rows.get(limit - 1);
        return new Page(rows.subList(0, limit), new DecisionCursor(last.decidedAt(), last.decisionId()));
    }

    public Optional<StoredDecision> find(UUID decisionId) {
        try (Connection connection = connection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT " + WHOLE + " FROM decision WHERE decision_id = ?")) {
            select.setObject(1, decisionId);
            try (ResultSet result = select.executeQuery()) {
                return result.next() ? Optional.of(whole(result)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /**
     * Every record {@code query} matches, oldest first, handed to {@code sink} one by one. Read in chunks by
     * position rather than through one open cursor: no transaction stays open while a slow client reads.
     */
    public void export(DecisionQuery query, Sink sink) throws IOException {
        DecisionCursor after = null;
        List<StoredDecision> chunk;
        do {
            chunk = new ArrayList<>(EXPORT_CHUNK);
            try (Connection connection = connection();
                 PreparedStatement select = select(connection, WHOLE, query, after, true, EXPORT_CHUNK);
                 ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    chunk.add(whole(result));
                }
            } catch (SQLException e) {
                throw unavailable(e);
            }
            for (StoredDecision decision : chunk) {
                sink.accept(decision);
            }
            if (!chunk.isEmpty()) {
                StoredDecision last = chunk.get(chunk.size() - 1);
                after = new DecisionCursor(last.decidedAt(), last.decisionId());
            }
        } while (chunk.size() == EXPORT_CHUNK);
    }

    /** Writes the records and their voting truths in one transaction: all of them or none. */
    void insert(List<DecisionRecord> records) throws SQLException {
        try (Connection connection = connection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement decisions = connection.prepareStatement(INSERT);
                 PreparedStatement truths = connection.prepareStatement(INSERT_TRUTH)) {
                int truthRows = 0;
                for (DecisionRecord record : records) {
                    bind(decisions, record);
                    decisions.addBatch();
                    for (String truth : new LinkedHashSet<>(record.votingTruths())) {
                        truths.setObject(1, record.decisionId());
                        truths.setString(2, truth);
                        truths.addBatch();
                        truthRows++;
                    }
                }
                decisions.executeBatch();
                if (truthRows > 0) {
                    truths.executeBatch();
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        }
    }

    /** Creates or brings the schema up to date; a no-op when it is. */
    void migrate() {
        migrations.select(FlywayDataSource.FlywayDataSourceLiteral.of(kind())).get().migrate();
    }

    /** Whether the database answers now. */
    boolean reachable() {
        try (Connection connection = connection()) {
            return connection.isValid(2);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** A connection to the active store; a {@link StoreUnavailableException} when recording is off. */
    Connection connection() throws SQLException {
        if (!config.enabled()) {
            throw new StoreUnavailableException("decision records are switched off (deal-advisor.decisions.enabled"
                    + "=false)", null);
        }
        return dataSources.select(new DataSource.DataSourceLiteral(kind())).get().getConnection();
    }

    static StoreUnavailableException unavailable(SQLException e) {
        return new StoreUnavailableException("the decision store cannot be read now; try again later", e);
    }

    /** A select of {@code columns}, filtered, ordered by position (oldest or newest first), after {@code after}. */
    private static PreparedStatement select(Connection connection, String columns, DecisionQuery query,
                                            DecisionCursor after, boolean oldestFirst, int limit)
            throws SQLException {
        List<String> conditions = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        if (query.dealId() != null) {
            conditions.add("deal_id = ?");
            values.add(query.dealId());
        }
        if (query.advice() != null) {
            conditions.add("advice = ?");
            values.add(query.advice());
        }
        if (query.rulesetVersion() != null) {
            conditions.add("ruleset_version = ?");
            values.add(query.rulesetVersion());
        }
        if (query.from() != null) {
            conditions.add("decided_at >= ?");
            values.add(utc(query.from()));
        }
        if (query.to() != null) {
            conditions.add("decided_at < ?");
            values.add(utc(query.to()));
        }
        String beyond = oldestFirst ? ">" : "<";
        if (after != null) {
            conditions.add("(decided_at " + beyond + " ? OR (decided_at = ? AND decision_id " + beyond + " ?))");
            values.add(utc(after.decidedAt()));
            values.add(utc(after.decidedAt()));
            values.add(after.decisionId());
        }
        String direction = oldestFirst ? "ASC" : "DESC";
        PreparedStatement select = connection.prepareStatement("SELECT " + columns + " FROM decision"
                + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
                + " ORDER BY decided_at " + direction + ", decision_id " + direction + " FETCH FIRST ? ROWS ONLY");
        for (int i = 0; i < values.size(); i++) {
            select.setObject(i + 1, values.get(i));
        }
        select.setInt(values.size() + 1, limit);
        return select;
    }

    private static void bind(PreparedStatement insert, DecisionRecord record) throws SQLException {
        insert.setObject(1, record.decisionId());
        insert.setObject(2, utc(record.decidedAt()));
        insert.setString(3, record.dealId());
        insert.setObject(4, record.asOf());
        insert.setString(5, record.caller());
        insert.setString(6, record.channel());
        insert.setLong(7, record.durationMicros());
        insert.setString(8, record.advice());
        insert.setString(9, record.referTo());
        insert.setObject(10, record.revisitOn());
        insert.setString(11, record.rulesetVersion());
        insert.setString(12, record.dealJson());
        insert.setString(13, record.adviceJson());
        DecisionRecord.Shadow shadow = record.shadow();
        insert.setString(14, shadow == null ? null : shadow.rulesetVersion());
        insert.setString(15, shadow == null ? null : shadow.advice());
        insert.setObject(16, shadow == null ? null : shadow.differs(), Types.BOOLEAN);
        insert.setString(17, shadow == null ? null : shadow.json());
        insert.setString(18, record.clientId());
        insert.setString(19, record.detailsErased() ? RecordDetails.ERASED : null);
    }

    /** A record whose details expired or were erased shows its deal and advice as null (stored as ''). */
    private static StoredDecision whole(ResultSet result) throws SQLException {
        String detail = result.getString("detail");
        return new StoredDecision(result.getObject("decision_id", UUID.class), decidedAt(result),
                result.getString("deal_id"), result.getObject("as_of", LocalDate.class), result.getString("caller"),
                result.getString("channel"), result.getLong("duration_micros"),
                detail == null ? result.getString("deal_json") : null,
                detail == null ? result.getString("advice_json") : null, result.getString("shadow_json"),
                outcome(result), detail);
    }

    private static RecordedOutcome outcome(ResultSet result) throws SQLException {
        String outcome = result.getString("outcome_result");
        return outcome == null ? null : new RecordedOutcome(outcome,
                result.getObject("outcome_advice_followed", Boolean.class),
                result.getObject("outcome_client_retained", Boolean.class),
                result.getObject("outcome_reported_on", LocalDate.class), result.getString("outcome_reported_by"));
    }

    private static Instant decidedAt(ResultSet result) throws SQLException {
        return result.getObject("decided_at", OffsetDateTime.class).toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** One page of a listing, and where the next one starts (null: this is the last). */
    public record Page(List<DecisionSummary> decisions, DecisionCursor next) {
    }

    /** Where an export's records go, one by one. */
    @FunctionalInterface
    public interface Sink {
        void accept(StoredDecision decision) throws IOException;
    }
}

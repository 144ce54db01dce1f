package io.dealadvisor.records;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.flyway.FlywayDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import org.flywaydb.core.Flyway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The decision records in the active database ({@code deal-advisor.decisions.store}), by plain JDBC. The same
 * SQL serves SQLite, H2 and PostgreSQL; ids, instants and dates are bound and read through {@link StoreTypes}.
 */
@ApplicationScoped
public class DecisionStore {

    /** Rows read per query of an export, so an export's memory does not grow with the records it writes. */
    static final int EXPORT_CHUNK = 500;

    private static final String OUTCOME = "outcome_result, outcome_advice_followed, outcome_client_retained,"
            + " outcome_reported_on, outcome_reported_by";
    private static final String SUMMARY = "decision_id, decided_at, deal_id, as_of, advice, refer_to, revisit_on,"
            + " ruleset_version, caller, " + OUTCOME;
    private static final String WHOLE = "decision_id, decided_at, deal_id, as_of, caller, channel, duration_micros,"
            + " deal_json, advice_json, shadow_json, detail, " + OUTCOME;

    private final DecisionsConfig config;
    private final Instance<AgroalDataSource> dataSources;
    private final Instance<Flyway> migrations;
    /** The active datasource: {@link StoreSelection#EMBEDDED} (SQLite), {@link StoreSelection#H2} or PostgreSQL. */
    private final String dataSource;
    private final StoreTypes types;

    public DecisionStore(DecisionsConfig config, @Any Instance<AgroalDataSource> dataSources,
                         @Any Instance<Flyway> migrations) {
        this.config = config;
        this.dataSources = dataSources;
        this.migrations = migrations;
        boolean embedded = config.store() == DecisionsConfig.Store.embedded;
        boolean h2 = config.embeddedEngine() == DecisionsConfig.EmbeddedEngine.h2;
        this.dataSource = !embedded ? StoreSelection.POSTGRESQL : h2 ? StoreSelection.H2 : StoreSelection.EMBEDDED;
        this.types = dataSource.equals(StoreSelection.EMBEDDED) ? StoreTypes.SQLITE : StoreTypes.STANDARD;
    }

    /** A statement of a query that reads records, cancelled after {@code deal-advisor.decisions.query-timeout}. */
    PreparedStatement query(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setQueryTimeout((int) Math.max(1, config.queryTimeout().toSeconds()));
        return statement;
    }

    /** How the active store keeps ids, instants and dates. */
    StoreTypes types() {
        return types;
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
                rows.add(new DecisionSummary(types.id(result, "decision_id"), types.instant(result, "decided_at"),
                        result.getString("deal_id"), types.date(result, "as_of"),
                        result.getString("advice"), result.getString("refer_to"),
                        types.date(result, "revisit_on"), result.getString("ruleset_version"),
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
             PreparedStatement select = query(connection,
                     "SELECT " + WHOLE + " FROM decision WHERE decision_id = ?")) {
            select.setObject(1, types.id(decisionId));
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
            DecisionInserts.insert(connection, types, records);
        }
    }

    /**
     * Creates or brings the schema up to date (a no-op when it is); on an embedded store, first makes the file's
     * folder (SQLite does not; H2 did), and on SQLite then imports the records of an H2 file an earlier version left
     * at the same path.
     */
    void migrate() {
        if (!dataSource.equals(StoreSelection.POSTGRESQL)) {
            Path folder = StoreSelection.file(config.path()).getParent();
            try {
                Files.createDirectories(folder);
            } catch (IOException e) {
                throw new StoreUnavailableException("cannot create the folder " + folder + " of the decision store: "
                        + e, e);
            }
        }
        migrations.select(FlywayDataSource.FlywayDataSourceLiteral.of(dataSource)).get().migrate();
        if (dataSource.equals(StoreSelection.EMBEDDED)) {
            new EarlierH2File(StoreSelection.file(config.path()), types).importOnce(this::connection);
        }
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
        return dataSources.select(new DataSource.DataSourceLiteral(dataSource)).get().getConnection();
    }

    static StoreUnavailableException unavailable(SQLException e) {
        return new StoreUnavailableException("the decision store cannot be read now; try again later", e);
    }

    /** A select of {@code columns}, filtered, ordered by position (oldest or newest first), after {@code after}. */
    private PreparedStatement select(Connection connection, String columns, DecisionQuery query,
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
            values.add(types.instant(query.from()));
        }
        if (query.to() != null) {
            conditions.add("decided_at < ?");
            values.add(types.instant(query.to()));
        }
        String beyond = oldestFirst ? ">" : "<";
        if (after != null) {
            conditions.add("(decided_at " + beyond + " ? OR (decided_at = ? AND decision_id " + beyond + " ?))");
            values.add(types.instant(after.decidedAt()));
            values.add(types.instant(after.decidedAt()));
            values.add(types.id(after.decisionId()));
        }
        String direction = oldestFirst ? "ASC" : "DESC";
        PreparedStatement select = query(connection, "SELECT " + columns + " FROM decision"
                + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
                +  " ORDER BY decided_at " + direction + ", decision_id " + direction + " LIMIT ?");
        for (int i = 0; i < values.size(); i++) {
            select.setObject(i + 1, values.get(i));
        }
        select.setInt(values.size() + 1, limit);
        return select;
    }

    /** A record whose details expired or were erased shows its deal and advice as null (stored as ''). */
    private StoredDecision whole(ResultSet result) throws SQLException {
        String detail = result.getString("detail");
        return new StoredDecision(types.id(result, "decision_id"), types.instant(result, "decided_at"),
                result.getString("deal_id"), types.date(result, "as_of"), result.getString("caller"),
                result.getString("channel"), result.getLong("duration_micros"),
                detail == null ? result.getString("deal_json") : null,
                detail == null ? result.getString("advice_json") : null, result.getString("shadow_json"),
                outcome(result), detail);
    }

    private RecordedOutcome outcome(ResultSet result) throws SQLException {
        String outcome = result.getString("outcome_result");
        return outcome == null ? null : new RecordedOutcome(outcome,
                StoreTypes.flag(result, "outcome_advice_followed"), StoreTypes.flag(result, "outcome_client_retained"),
                types.date(result, "outcome_reported_on"), result.getString("outcome_reported_by"));
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

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

    private final DecisionsConfig config;
    private final Instance<AgroalDataSource> dataSources;
    private final Instance<Flyway> migrations;
    /** The active datasource: {@link StoreSelection#EMBEDDED} (SQLite), {@link StoreSelection#H2} or PostgreSQL. */
    private final String dataSource;
    private final StoreTypes types;
    private final DecisionRows rows;

    public DecisionStore(DecisionsConfig config, @Any Instance<AgroalDataSource> dataSources,
                         @Any Instance<Flyway> migrations) {
        this.config = config;
        this.dataSources = dataSources;
        this.migrations = migrations;
        boolean embedded = config.store() == DecisionsConfig.Store.embedded;
        boolean h2 = config.embeddedEngine() == DecisionsConfig.EmbeddedEngine.h2;
        this.dataSource = !embedded ? StoreSelection.POSTGRESQL : h2 ? StoreSelection.H2 : StoreSelection.EMBEDDED;
        this.types = dataSource.equals(StoreSelection.EMBEDDED) ? StoreTypes.SQLITE : StoreTypes.STANDARD;
        this.rows = new DecisionRows(types);
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

    /** Whether the store is PostgreSQL, whose records are kept in time partitions ({@link Partitions}). */
    boolean partitioned() {
        return dataSource.equals(StoreSelection.POSTGRESQL);
    }

    /** A page of records, newest first, after {@code after} (null: from the newest). */
    public Page page(DecisionQuery query, DecisionCursor after, int limit) {
        List<DecisionSummary> rows = new ArrayList<>(limit + 1);
        try (Connection connection = connection();
             PreparedStatement select = this.rows.select(this, connection, DecisionRows.SUMMARY, query, after,
                     false, limit + 1);
             ResultSet result = select.executeQuery()) {
            while (result.next()) {
                rows.add(this.rows.summary(result));
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
                     DecisionRows.WHOLE + " WHERE d.decision_id = ?")) {
            select.setObject(1, types.id(decisionId));
            try (ResultSet result = select.executeQuery()) {
                return result.next() ? Optional.of(rows.whole(result)) : Optional.empty();
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
                 PreparedStatement select = rows.select(this, connection, DecisionRows.WHOLE, query, after, true,
                         EXPORT_CHUNK);
                 ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    chunk.add(rows.whole(result));
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
     * folder (SQLite does not; H2 did); on SQLite, makes a new file with large pages ({@link SqlitePages}) and after
     * the migrations imports the records of an H2 file an earlier version left at the same path.
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
        if (dataSource.equals(StoreSelection.EMBEDDED)) {
            Path file = Path.of(StoreSelection.file(config.path()) + ".db");
            try {
                SqlitePages.createIfAbsent(file);
            } catch (SQLException e) {
                throw new StoreUnavailableException("cannot create the decision store " + file + ": " + e, e);
            }
        }
        migrations.select(FlywayDataSource.FlywayDataSourceLiteral.of(dataSource)).get().migrate();
        if (dataSource.equals(StoreSelection.EMBEDDED)) {
            new EarlierH2File(StoreSelection.file(config.path()), types, IdempotencyKeys.window(config))
                    .importOnce(this::connection);
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
        return pool().getConnection();
    }

    /** Closes the pool's idle connections (those in use are closed when handed back broken). */
    void dropIdleConnections() {
        if (config.enabled()) {
            pool().flush(AgroalDataSource.FlushMode.IDLE);
        }
    }

    private AgroalDataSource pool() {
        return dataSources.select(new DataSource.DataSourceLiteral(dataSource)).get();
    }

    static StoreUnavailableException unavailable(SQLException e) {
        return new StoreUnavailableException("the decision store cannot be read now; try again later", e);
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

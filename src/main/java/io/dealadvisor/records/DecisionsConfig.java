package io.dealadvisor.records;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Where and how decisions are recorded: {@code deal-advisor.decisions.*}. */
@ConfigMapping(prefix = "deal-advisor.decisions")
public interface DecisionsConfig {

    /** {@code false}: nothing is recorded and no database is opened. */
    @WithDefault("true")
    boolean enabled();

    @WithDefault("embedded")
    Store store();

    /**
     * The embedded database's file without its extension, relative to the working directory or absolute: SQLite
     * keeps {@code PATH.db}, H2 (the engine of earlier versions) kept {@code PATH.mv.db}.
     */
    @WithDefault("data/decisions")
    String path();

    /**
     * The database behind {@code store=embedded}: {@code sqlite}, or {@code h2}, the engine of earlier versions,
     * kept so that the benchmarks can compare the two in one run. A SQLite store imports an H2 file found at
     * {@code path} once (see {@link EarlierH2File}).
     */
    @WithDefault("sqlite")
    EmbeddedEngine embeddedEngine();

    /** The PostgreSQL server when {@code store=postgresql}, e.g. {@code jdbc:postgresql://db:5432/deals}. */
    Optional<String> jdbcUrl();

    Optional<String> username();

    Optional<String> password();

    /**
     * Records decided longer ago than this are deleted, outcome and all: an ISO-8601 period or duration
     * ({@code P3Y}, {@code P400D}, {@code PT36H}), at least a day. See {@link Ages}.
     */
    @WithDefault("P3Y")
    String retention();

    /**
     * After this a record keeps its summary and outcome but loses its deal, advice document and shadow reasons
     * (ISO-8601, like {@link #retention()}).
     */
    @WithDefault("P90D")
    String detailRetention();

    /** How long an {@code Idempotency-Key} is remembered, per caller (ISO-8601, like {@link #retention()}). */
    @WithDefault("PT24H")
    String idempotencyWindow();

    /** How often the retention runs (and, the first time, shortly after start). */
    @WithDefault("1h")
    Duration retentionInterval();

    /**
     * The longest one query of the records (a listing, an export's chunk, the evidence, the shadow's figures, the
     * erasure log) may run before it is cancelled and answered 503: no reader holds the store for long.
     */
    @WithDefault("30s")
    Duration queryTimeout();

    /** Records held in memory while they wait to be written; more are dropped, counted and logged. */
    @WithDefault("100000")
    int buffer();

    /**
     * The share of the maximum heap, in percent, that records waiting to be written may take. A record that would
     * go beyond it is dropped as if the buffer were full: at {@code -Xmx128m} a hundred thousand records would not
     * fit, and an outage of the database must not run the service out of memory.
     */
    @WithDefault("25")
    int bufferHeapPercent();

    /**
     * {@code buffered}: an answer never waits for the store, and a crash of the process loses what is still in the
     * buffer. {@code sync}: an advice is answered only once its record is committed (records are still written in
     * groups); while the store cannot be reached qualifications get {@code 503} with {@code Retry-After}.
     */
    @WithDefault("buffered")
    Durability durability();

    /**
     * With {@code durability=sync}, how long a qualification waits at most for its records to be committed before
     * it is answered {@code 503} instead.
     */
    @WithDefault("5s")
    Duration syncTimeout();

    enum Durability {
        buffered, sync
    }

    enum Store {
        embedded, postgresql
    }

    enum EmbeddedEngine {
        sqlite, h2
    }
}

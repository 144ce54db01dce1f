package io.dealadvisor.records;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Once a write has failed, the store is back when it takes a write, not when it merely answers: a PostgreSQL left
 * read-only by a failover, or a SQLite file whose write lock another process holds, answers every check of the
 * connection, and the health check flipped back to UP between two refused writes.
 */
class StoreReachTest {

    @TempDir
    Path temp;

    @Test
    void aStoreThatAnswersButTakesNoWriteIsNotBackUntilItDoes() throws SQLException {
        String url = "jdbc:sqlite:" + temp.resolve("decisions.db");
        PlainStore plain = new PlainStore(url, DecisionsConfig.EmbeddedEngine.sqlite, "classpath:db/migration/sqlite");
        StoreReach reach = new StoreReach(plain.writer,
                new RecordBuffer(plain.config, new SimpleMeterRegistry(), new CommitWaits()));
        reach.migrate();
        reach.probe();
        assertTrue(reach.reachable());

        try (Connection other = DriverManager.getConnection(url); Statement lock = other.createStatement()) {
            lock.execute("BEGIN IMMEDIATE"); // another writer holds the file's write lock
            reach.unreachable(new SQLException("a batch could not be written: database is locked"));
            reach.probe();
            assertFalse(reach.reachable(), "back while the store still takes no write");
            lock.execute("COMMIT");
        }
        reach.probe();
        assertTrue(reach.reachable(), "back once it takes writes");
    }
}

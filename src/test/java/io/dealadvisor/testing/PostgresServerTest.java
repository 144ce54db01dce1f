package io.dealadvisor.testing;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The test PostgreSQL server is a real one: it stores, refuses connections while stopped and keeps its data. */
@Tag("postgresql")
class PostgresServerTest {

    @Test
    void serverComesBackOnTheSamePortWithItsDataAndEachApplicationGetsAnEmptyDatabase() throws SQLException {
        PostgresServer resource = new PostgresServer();
        Map<String, String> config = resource.start();
        assertEquals("postgresql", config.get("deal-advisor.decisions.store"));
        assertEquals("jdbc:postgresql://127.0.0.1:" + PostgresServer.port() + "/deal_advisor",
                config.get("deal-advisor.decisions.jdbc-url"));

        try (Connection connection = connect(config); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE kept (id int PRIMARY KEY, note text)");
            statement.execute("INSERT INTO kept VALUES (1, 'before the outage')");
        }

        PostgresServer.stopServer();
        assertRefused(config);

        PostgresServer.startServer();
        try (Connection connection = connect(config); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT note FROM kept WHERE id = 1")) {
            assertTrue(rows.next(), "the row written before the stop");
            assertEquals("before the outage", rows.getString(1));
        }
        resource.stop();

        // The next application of this JVM shares the server but starts on an empty database.
        assertEquals(config, resource.start());
        try (Connection connection = connect(config); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT to_regclass('kept') IS NULL")) {
            rows.next();
            assertTrue(rows.getBoolean(1), "the table of the previous application is gone");
        }
        resource.stop();
    }

    @Test
    void serverAsksForThePassword() {
        Map<String, String> config = new PostgresServer().start();
        SQLException refused = assertThrows(SQLException.class, () -> DriverManager.getConnection(
                config.get("deal-advisor.decisions.jdbc-url"), config.get("deal-advisor.decisions.username"), "wrong"));
        assertEquals("28P01", refused.getSQLState(), refused.getMessage()); // invalid_password
    }

    @Test
    void removeStopsTheServerAndDeletesItsFolder() throws SQLException {
        Path folder = Path.of(System.getProperty("java.io.tmpdir"), "pg-sh-test-" + UUID.randomUUID());
        Duration timeout = Duration.ofMinutes(2);
        try {
            Map<String, String> facts = PostgresServer.parse(PostgresServer.pgSh(timeout, "start", folder.toString()));
            Map<String, String> config = Map.of(
                    "deal-advisor.decisions.jdbc-url", facts.get("url"),
                    "deal-advisor.decisions.username", facts.get("username"),
                    "deal-advisor.decisions.password", facts.get("password"));
            connect(config).close();

            PostgresServer.pgSh(timeout, "remove", folder.toString());
            assertFalse(Files.exists(folder));
            assertRefused(config);
        } finally {
            PostgresServer.pgSh(timeout, "remove", folder.toString());
        }
    }

    private static Connection connect(Map<String, String> config) throws SQLException {
        return DriverManager.getConnection(config.get("deal-advisor.decisions.jdbc-url"),
                config.get("deal-advisor.decisions.username"), config.get("deal-advisor.decisions.password"));
    }

    private static void assertRefused(Map<String, String> config) {
        SQLException refused = assertThrows(SQLException.class, () -> connect(config));
        assertEquals("08001", refused.getSQLState(), refused.getMessage()); // sqlclient_unable_to_establish_sqlconnection
        assertInstanceOf(ConnectException.class, refused.getCause());
    }
}

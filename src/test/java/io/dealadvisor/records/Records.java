package io.dealadvisor.records;

import io.dealadvisor.testing.Management;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealadvisor.security.Credentials;
import io.dealadvisor.testing.Poll;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;

/** Decision records made for the tests, and what the tests read back through the API. */
public final class Records {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String DECISIONS = "/v1/decisions";
    static final Duration PATIENCE = Duration.ofSeconds(60);

    private Records() {
    }

    /** A deal id no earlier run or other test used. */
    static String dealId(String what) {
        return "OPP-" + what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String rulesetVersion() {
        byte[] bytes = new byte[6];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static DecisionRecord record(String dealId, Instant decidedAt, String advice, String rulesetVersion,
                                 String... truths) {
        String deal = "{\"id\":\"" + dealId + "\",\"asOf\":\"2026-11-23\",\"client\":{\"name\":\"Northwind\"},"
                + "\"offering\":{\"name\":\"Freight audit\",\"amount\":120000,\"currency\":\"EUR\"}}";
        String revisitOn = advice.equals("WAIT") ? "\"2026-12-15\"" : "null";
        String referTo = advice.equals("REFER") ? "\"Acme\"" : "null";
        String answer = "{\"dealId\":\"" + dealId + "\",\"advice\":\"" + advice + "\",\"headline\":\"Decided.\","
                + "\"revisitOn\":" + revisitOn + ",\"referTo\":" + referTo + ",\"reasons\":[],\"actions\":[],"
                + "\"warnings\":[],\"ruleset\":{\"version\":\"" + rulesetVersion + "\","
                + "\"loadedAt\":\"2026-11-23T10:00:00Z\"}}";
        return DecisionRecord.builder().decided(DecisionIds.next(), decidedAt)
                .dealId(dealId, LocalDate.parse("2026-11-23")).deal(deal, null)
                .asked("crm", DecisionRecord.SINGLE, 41)
                .answer(advice, advice.equals("REFER") ? "Acme" : null,
                        advice.equals("WAIT") ? LocalDate.parse("2026-12-15") : null).adviceJson(answer)
                .ruleset(rulesetVersion, List.of(truths)).build();
    }

    /** The decision-records health check as served. */
    public static JsonNode health() {
        return health(Management.base());
    }

    /** The decision-records health check of the service whose management interface is at {@code management}. */
    static JsonNode health(URI management) {
        JsonNode health = json(Management.given(management).get("/q/health/well").then().extract().asString());
        for (JsonNode check : health.get("checks")) {
            if (check.get("name").asText().equals("decision-records")) {
                return check;
            }
        }
        throw new AssertionError("no decision-records check in " + health);
    }

    /** Waits until every record handed to the recorder is written. */
    public static void awaitWritten() {
        awaitWritten(Management.base());
    }

    /** Waits until the service whose management interface is at {@code management} has written every record. */
    public static void awaitWritten(URI management) {
        Poll.until(PATIENCE, "the decision records written", () -> health(management).get("data"),
                data -> data.get("backlog").asInt() == 0);
    }

    /** The decision ids of one listing, in the order answered, following each next cursor to the end. */
    static List<UUID> allPages(String query, int limit) {
        List<UUID> ids = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = json(Credentials.withKey(Credentials.AUDITOR_KEY)
                    .get(DECISIONS + "?" + query + "&limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor))
                    .then().statusCode(200).extract().asString());
            page.get("decisions").forEach(decision -> ids.add(UUID.fromString(decision.get("decisionId").asText())));
            cursor = page.get("next").isNull() ? null : page.get("next").asText();
        } while (cursor != null);
        return ids;
    }

    static List<UUID> ids(List<DecisionRecord> records) {
        return records.stream().map(DecisionRecord::decisionId).toList();
    }

    /** The ids of every decision record in the database at {@code jdbcUrl}, read by plain JDBC. */
    static Set<UUID> storedIds(String jdbcUrl, String username, String password) {
        return storedIds(jdbcUrl, username, password, "");
    }

    /** The decision ids stored for the deals whose id starts with {@code dealIdPrefix}. */
    static Set<UUID> storedIds(String jdbcUrl, String username, String password, String dealIdPrefix) {
        Set<UUID> ids = new HashSet<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, username, password);
             PreparedStatement select = connection.prepareStatement(
                     "SELECT decision_id FROM decision WHERE deal_id LIKE ?")) {
            select.setString(1, dealIdPrefix + "%");
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    ids.add(UUID.fromString(result.getString(1))); // a UUID on PostgreSQL and H2, text on SQLite
                }
            }
        } catch (SQLException e) {
            throw new AssertionError("could not read the decision records at " + jdbcUrl, e);
        }
        return ids;
    }

    /** The value of a counter or gauge without labels as /q/metrics serves it (on the management interface). */
    static double metric(String name) {
        return metric(Management.base(), name);
    }

    static double metric(URI management, String name) {
        String metrics = Management.given(management).get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith(name + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(name.length() + 1).trim()))
                .orElseThrow(() -> new AssertionError("no metric " + name + " in " + metrics));
    }

    /** Removes a file or a folder with everything in it, if it is there. */
    public static void delete(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}

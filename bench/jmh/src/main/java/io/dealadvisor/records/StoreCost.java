package io.dealadvisor.records;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;

/**
 * What a decision record costs an embedded store, in-process: the service's own statements
 * ({@link DecisionInserts}) on the shipped schema, realistic deals (bench/run's) with a 1.6 KB advice document and two
 * voting truths, each record with a deal id and a client id of its own, as in a store that has grown: their indexes
 * then take each record at a random place. 100,000 records of warm-up in batches of 500 grow the store to about
 * 300 MB; then 20,000 are measured in batches of 100, about what the writer gathers in 20 ms under load. Prints the
 * CPU of the whole process per record (the database's own threads and the JIT and GC included), that of the
 * inserting thread, and the bytes written per record (WAL and checkpoints), as key=value lines. One JVM per store,
 * so neither warms the other. {@code sqlite-4k} is SQLite with its own 4 KB pages instead of the shipped 32 KB: on a
 * grown store it writes a third of the bytes, and its writer takes longer a record.
 * Usage: StoreCost sqlite|sqlite-4k|h2 DATA_FOLDER
 */
public final class StoreCost {

    private static final int WARMUP = 100_000;
    private static final int WARMUP_BATCH = 500;
    private static final int MEASURED = 20_000;
    private static final int BATCH = 100;

    public static void main(String[] args) throws Exception {
        String store = args[0];
        List<String> deals = Files.readAllLines(Path.of(args[1], "http-deals.ndjson"));
        Path folder = Files.createTempDirectory("store-cost-");
        try (Connection connection = open(store, folder.resolve("decisions"))) {
            schema(connection, store.startsWith("sqlite") ? List.of("sqlite") : List.of("standard", "h2"));
            StoreTypes types = store.startsWith("sqlite") ? StoreTypes.SQLITE : StoreTypes.STANDARD;
            Random ids = new Random(20261205);
            write(connection, types, deals, ids, WARMUP, WARMUP_BATCH);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long process = os.getProcessCpuTime();
            long thread = threads.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            long written = bytesWritten();
            write(connection, types, deals, ids, MEASURED, BATCH);
            System.out.printf("store.%s.processCpuMicros=%.1f%n", store, (os.getProcessCpuTime() - process) / 1e3 / MEASURED);
            System.out.printf("store.%s.threadCpuMicros=%.1f%n", store, (threads.getCurrentThreadCpuTime() - thread) / 1e3 / MEASURED);
            System.out.printf("store.%s.wallMicros=%.1f%n", store, (System.nanoTime() - wall) / 1e3 / MEASURED);
            System.out.printf("store.%s.bytesWritten=%d%n", store, (bytesWritten() - written) / MEASURED);
        } finally {
            try (var files = Files.walk(folder)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }

    /** As the service opens each store (application.properties, StoreSelection and, for SQLite, SqlitePages). */
    private static Connection open(String store, Path file) throws SQLException {
        Properties properties = new Properties();
        if (store.startsWith("sqlite")) {
            if (store.equals("sqlite")) {
                SqlitePages.createIfAbsent(Path.of(file + ".db")); // as shipped; sqlite-4k keeps SQLite's own pages
            }
            properties.setProperty("journal_mode", "WAL");
            properties.setProperty("synchronous", "NORMAL");
            properties.setProperty("busy_timeout", "30000");
            properties.setProperty("foreign_keys", "true");
            return new org.sqlite.JDBC().connect("jdbc:sqlite:" + file + ".db", properties);
        }
        return new org.h2.Driver().connect("jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE", properties);
    }

    /**
     * The tree's migrations for the store, in version order (bench/run runs from the top level). Flyway is not on the
     * benchmark's class path, and the migrations are plain statements split at semicolons.
     */
    private static void schema(Connection connection, List<String> folders) throws IOException, SQLException {
        List<Path> migrations;
        try (var files = folders.stream().flatMap(StoreCost::files)) {
            migrations = files.filter(file -> file.getFileName().toString().matches("V\\d+__.*\\.sql"))
                    .sorted(java.util.Comparator.comparingInt(StoreCost::version)).toList();
        }
        try (Statement statement = connection.createStatement()) {
            for (Path migration : migrations) {
                String sql = Files.readString(migration);
                for (String one : sql.replaceAll("(?m)--.*$", "").split(";")) {
                    if (!one.isBlank()) {
                        statement.execute(one);
                    }
                }
            }
        }
    }

    private static java.util.stream.Stream<Path> files(String folder) {
        try {
            return Files.list(Path.of("src/main/resources/db/migration", folder));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int version(Path migration) {
        String name = migration.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }

    /** Bytes this process has written to files so far (Linux). */
    private static long bytesWritten() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
            if (line.startsWith("wchar:")) {
                return Long.parseLong(line.substring("wchar:".length()).trim());
            }
        }
        throw new IllegalStateException("/proc/self/io has no wchar line");
    }

    private static void write(Connection connection, StoreTypes types, List<String> deals, Random ids, int count,
                              int batchSize) throws SQLException {
        List<DecisionRecord> batch = new ArrayList<>(batchSize);
        for (int i = 0; i < count; i++) {
            String deal = deals.get(i % deals.size());
            String dealId = "OPP-" + Long.toHexString(ids.nextLong());
            String clientId = "ACCT-" + Long.toHexString(ids.nextLong());
            batch.add(DecisionRecord.builder().dealId(dealId, LocalDate.parse("2026-11-23")).deal(deal, clientId)
                    .asked("bench", DecisionRecord.SINGLE, 41).answer("WAIT", null, LocalDate.parse("2026-12-15"))
                    .adviceJson(advice(dealId)).ruleset("0123456789ab", List.of("NO_PUSH_BEFORE_MILESTONES",
                            "CLOSE_THE_CLIENT")).build());
            if (batch.size() == batchSize) {
                DecisionInserts.insert(connection, types, batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            DecisionInserts.insert(connection, types, batch);
        }
    }

    /** An advice document of the usual size (about 1.6 KB: three reasons, two actions). */
    private static String advice(String dealId) {
        StringBuilder reasons = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            reasons.append(i == 0 ? "" : ",").append("{\"rule\":\"no-push-before-milestones-").append(i)
                    .append("\",\"truth\":\"NO_PUSH_BEFORE_MILESTONES\",\"votes\":\"WAIT\",\"because\":\"The client's")
                    .append(" rollout has two milestones overdue and one due before the deal closes; pushing now")
                    .append(" would ask them to buy before they can use what they bought.\",\"facts\":{\"overdue\":2,")
                    .append("\"dueBeforeClose\":1}}");
        }
        return "{\"dealId\":\"" + dealId + "\",\"advice\":\"WAIT\",\"headline\":\"Wait until the milestones are met\","
                + "\"revisitOn\":\"2026-12-15\",\"referTo\":null,\"reasons\":[" + reasons + "],\"actions\":["
                + "{\"do\":\"Agree the milestone dates with the client's project lead\",\"by\":\"2026-12-01\"},"
                + "{\"do\":\"Revisit the deal once the overdue milestones are met\",\"by\":\"2026-12-15\"}],"
                + "\"warnings\":[],\"ruleset\":{\"version\":\"0123456789ab\",\"loadedAt\":\"2026-11-23T10:00:00Z\"}}";
    }
}

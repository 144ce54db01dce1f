package io.dealadvisor.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for the tests: Debian's package, installed when missing and run by
 * {@code src/test/postgres/pg.sh} in a temporary folder on a free port of 127.0.0.1.
 *
 * <p>Use it with {@code @WithTestResource(PostgresServer.class)}: the application gets
 * {@code deal-advisor.decisions.store=postgresql} and the server's JDBC URL, user name and password. One server
 * serves the whole JVM, so the test classes after the first one wait for no new cluster; each application start
 * gets an empty {@code deal_advisor} database all the same. The server is stopped and its folder removed when the
 * JVM exits, and a later run removes what a killed JVM left behind.
 *
 * <p>Outage tests call {@link #stopServer()} and {@link #startServer()}: the server comes back on the same port
 * with its data.
 */
public final class PostgresServer implements QuarkusTestResourceLifecycleManager {

    static final Path SCRIPT = Path.of("src/test/postgres/pg.sh");
    /** Followed by the JVM's process id, so that a later run can tell a folder whose JVM is gone. */
    private static final String FOLDER_PREFIX = "deal-advisor-pg-";
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);

    /** The JVM's server, created by the first {@link #start()}; null before. */
    private static Path folder;
    private static Map<String, String> facts;
    private static boolean running;

    /**
     * Starts the JVM's server the first time (installing PostgreSQL when missing), brings it back if a test left
     * it stopped, and otherwise empties its database for the application about to start.
     */
    @Override
    public Map<String, String> start() {
        synchronized (PostgresServer.class) {
            if (folder == null) {
                create();
            } else {
                if (!running) {
                    startServer();
                }
                pgSh(COMMAND_TIMEOUT, "reset", folder.toString());
            }
            return Map.of(
                    "deal-advisor.decisions.store", "postgresql",
                    "deal-advisor.decisions.jdbc-url", jdbcUrl(),
                    "deal-advisor.decisions.username", username(),
                    "deal-advisor.decisions.password", password());
        }
    }

    /** Leaves the server to the next application of this JVM; the shutdown hook removes it. */
    @Override
    public void stop() {
    }

    /** Stops the server (fast shutdown: sessions end); connections are refused until {@link #startServer()}. */
    public static synchronized void stopServer() {
        pgSh(COMMAND_TIMEOUT, "stop", started().toString());
        running = false;
    }

    /** Starts the stopped server again, on the same port and with the same data; returns once it accepts sessions. */
    public static synchronized void startServer() {
        pgSh(COMMAND_TIMEOUT, "restart", started().toString());
        running = true;
    }

    /** {@code jdbc:postgresql://127.0.0.1:PORT/deal_advisor} */
    public static synchronized String jdbcUrl() {
        started();
        return facts.get("url");
    }

    public static synchronized String username() {
        started();
        return facts.get("username");
    }

    public static synchronized String password() {
        started();
        return facts.get("password");
    }

    public static synchronized int port() {
        started();
        return Integer.parseInt(facts.get("port"));
    }

    private static Path started() {
        if (folder == null) {
            throw new IllegalStateException("no PostgreSQL server yet: start() creates it");
        }
        return folder;
    }

    private static void create() {
        pgSh(INSTALL_TIMEOUT, "install");
        removeLeftovers();
        try {
            Path created = Files.createTempDirectory(FOLDER_PREFIX + ProcessHandle.current().pid() + "-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> remove(created), "remove PostgreSQL server"));
            facts = parse(pgSh(COMMAND_TIMEOUT, "start", created.toString()));
            folder = created;
            running = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Servers of JVMs that were killed before their shutdown hook could run. */
    private static void removeLeftovers() {
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> entries = Files.list(temp)) {
            for (Path leftover : entries.filter(path -> path.getFileName().toString().startsWith(FOLDER_PREFIX)).toList()) {
                if (!ownerAlive(leftover)) {
                    remove(leftover);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean ownerAlive(Path folder) {
        String pid = folder.getFileName().toString().substring(FOLDER_PREFIX.length()).split("-")[0];
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false; // not named by this class
        }
    }

    private static void remove(Path folder) {
        pgSh(COMMAND_TIMEOUT, "remove", folder.toString());
    }

    static Map<String, String> parse(String output) {
        Map<String, String> parsed = new LinkedHashMap<>();
        output.lines().filter(line -> line.contains("=")).forEach(line -> {
            int equals = line.indexOf('=');
            parsed.put(line.substring(0, equals), line.substring(equals + 1));
        });
        for (String key : List.of("port", "url", "username", "password")) {
            if (!parsed.containsKey(key)) {
                throw new IllegalStateException("pg.sh printed no " + key + ": " + output);
            }
        }
        return parsed;
    }

    /** Runs the script; its diagnostics go to the test output, its standard output is returned. */
    static String pgSh(Duration timeout, String... arguments) {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(arguments));
        Path output = null;
        try {
            // A file rather than a pipe, so that the timeout holds whatever the script's children keep open.
            output = Files.createTempFile("pg-sh-", ".out");
            Process process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(output.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " took longer than " + timeout);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(command + " failed with exit code " + process.exitValue());
            }
            return Files.readString(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        } finally {
            if (output != null) {
                output.toFile().delete();
            }
        }
    }
}

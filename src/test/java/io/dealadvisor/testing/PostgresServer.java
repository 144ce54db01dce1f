package io.dealadvisor.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server from Debian's package, in a temporary folder on a free port, for the tests of the
 * PostgreSQL store. Installs the package when it is missing. As root, the server runs as the postgres user.
 */
public class PostgresServer implements QuarkusTestResourceLifecycleManager {

    private Path home;
    private Path bin;

    @Override
    public Map<String, String> start() {
        try {
            bin = binaries();
            home = Files.createTempDirectory("deal-advisor-pg");
            run("chown", "-R", "postgres", home.toString());
            int port = freePort();
            asPostgres(bin.resolve("initdb").toString(), "-D", home.resolve("data").toString(), "-U", "postgres",
                    "-A", "trust", "-E", "UTF8", "--no-sync");
            asPostgres(bin.resolve("pg_ctl").toString(), "-D", home.resolve("data").toString(), "-l",
                    home.resolve("server.log").toString(), "-w", "-o",
                    "-p " + port + " -k " + home + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
            return Map.of("deal-advisor.decisions.store", "postgresql",
                    "deal-advisor.decisions.jdbc-url", "jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                    "deal-advisor.decisions.username", "postgres",
                    "deal-advisor.decisions.password", "unused-with-trust");
        } catch (IOException e) {
            throw new IllegalStateException("could not start PostgreSQL", e);
        }
    }

    @Override
    public void stop() {
        if (home == null) {
            return;
        }
        try {
            asPostgres(bin.resolve("pg_ctl").toString(), "-D", home.resolve("data").toString(), "-m", "immediate",
                    "stop");
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not stop PostgreSQL", e);
        }
    }

    private static Path binaries() throws IOException {
        Path versions = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(versions)) {
            run("apt-get", "update", "-qq");
            run("apt-get", "install", "-y", "-qq", "postgresql");
        }
        try (Stream<Path> installed = Files.list(versions)) {
            return installed.map(version -> version.resolve("bin"))
                    .filter(dir -> Files.isExecutable(dir.resolve("initdb")))
                    .max(Comparator.comparing(dir -> Integer.parseInt(dir.getParent().getFileName().toString())))
                    .orElseThrow(() -> new IOException("no PostgreSQL under " + versions));
        }
    }

    private static void asPostgres(String... command) throws IOException {
        List<String> line = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            line.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        line.addAll(List.of(command));
        run(line.toArray(String[]::new));
    }

    private static void run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package io.dealadvisor.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Apache Kafka broker for the tests, without Docker: a single-node KRaft broker (broker and controller in one
 * process) from the jars src/test/kafka/pom.xml puts in target/kafka-broker/lib (fetched here when missing), run in
 * a temporary folder on free ports of 127.0.0.1.
 *
 * <p>Use it with {@code @WithTestResource(KafkaBroker.class)}: the application gets
 * {@code deal-advisor.events.kafka.bootstrap-servers}. One broker serves the whole JVM; it is stopped by its PID and
 * its folder removed when the JVM exits. Outage tests call {@link #stopBroker()} and {@link #startBroker()}: the
 * broker comes back on the same ports with its data.
 */
public final class KafkaBroker implements QuarkusTestResourceLifecycleManager {

    static final Path LIB = Path.of("target/kafka-broker/lib");
    private static final Path FETCH = Path.of("src/test/kafka/fetch.sh");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration FETCH_TIMEOUT = Duration.ofMinutes(10);

    private static Path folder;
    private static int port;
    private static Process process;

    @Override
    public Map<String, String> start() {
        return Map.of("deal-advisor.events.kafka.bootstrap-servers", bootstrapServers());
    }

    /** Leaves the broker to the next application of this JVM; the shutdown hook stops it. */
    @Override
    public void stop() {
    }

    /** {@code 127.0.0.1:PORT}, starting the JVM's broker the first time. */
    public static synchronized String bootstrapServers() {
        if (folder == null) {
            create();
        } else if (process == null) {
            startBroker();
        }
        return "127.0.0.1:" + port;
    }

    /** Stops the broker (SIGTERM to its PID, then SIGKILL after 20 s); connections are refused until started. */
    public static synchronized void stopBroker() {
        Process running = process;
        process = null;
        if (running == null) {
            return;
        }
        running.destroy();
        try {
            if (!running.waitFor(20, TimeUnit.SECONDS)) {
                running.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts the stopped broker again, same ports and data; returns once it answers a metadata request. */
    public static synchronized void startBroker() {
        if (process != null) {
            return;
        }
        process = java(folder.resolve("broker.out"), "kafka.Kafka", folder.resolve("server.properties").toString());
        awaitReady();
    }

    private static void create() {
        if (!Files.isRegularFile(LIB.resolve(".complete"))) {
            run(FETCH_TIMEOUT, "bash", FETCH.toString());
        }
        try {
            Path created = Files.createTempDirectory("deal-advisor-kafka-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stopBroker();
                remove(created);
            }, "stop Kafka broker"));
            int controller;
            try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(0)) {
                port = a.getLocalPort();
                controller = b.getLocalPort();
            }
            Files.writeString(created.resolve("server.properties"), properties(created, port, controller));
            Files.writeString(created.resolve("log4j2.properties"), log4j(created));
            folder = created;
            Process format = java(created.resolve("format.out"), "kafka.tools.StorageTool", "format",
                    "-t", Uuid.randomUuid().toString(), "-c", created.resolve("server.properties").toString(),
                    "--standalone");
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                format.destroyForcibly();
                throw new IllegalStateException("formatting the broker's storage failed: "
                        + Files.readString(created.resolve("format.out")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        startBroker();
    }

    static String properties(Path folder, int port, int controller) {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controller,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + folder.resolve("data"),
                "num.partitions=3",
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=3",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "");
    }

    /** The broker's log, written anew at each start (an appended log would hold an earlier start's lines). */
    static String log4j(Path folder) {
        return String.join("\n",
                "status = warn",
                "appender.file.type = File",
                "appender.file.name = file",
                "appender.file.fileName = " + folder.resolve("broker.log"),
                "appender.file.append = false",
                "appender.file.layout.type = PatternLayout",
                "appender.file.layout.pattern = [%d] %p %m (%c)%n",
                "rootLogger.level = INFO",
                "rootLogger.appenderRef.file.ref = file",
                "logger.kafka.name = kafka",
                "logger.kafka.level = INFO",
                "");
    }

    private static Process java(Path output, String main, String... arguments) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dlog4j2.configurationFile=" + folder.resolve("log4j2.properties"),
                "-cp", LIB.toAbsolutePath() + File.separator + "*", main));
        command.addAll(List.of(arguments));
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ready: the port accepts connections and the broker answers a metadata request (not a grep of its log). */
    private static void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 4000);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Kafka broker exited; see " + folder.resolve("broker.log"));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                try (Admin admin = Admin.create(config)) {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                }
            } catch (Exception e) {
                // not yet
            }
            pause();
        }
        throw new IllegalStateException("the Kafka broker did not answer within " + START_TIMEOUT);
    }

    static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void run(Duration timeout, String... command) {
        try {
            Process started = new ProcessBuilder(command).inheritIO()
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!started.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || started.exitValue() != 0) {
                started.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void remove(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // left to the temporary folder's own cleaning
        }
    }
}

package io.dealadvisor.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Real client load on a running service: client threads post {@code examples/deal.json} (each with its own deal
 * id) to {@code /v1/qualifications}, every {@code batchEvery}-th request a batch of {@code batchSize} of them to
 * {@code /batch}, until {@link #stop()}, a deadline or a number of deals. It keeps the decision id of every
 * advice answered 200, every failure, and each request's time, so that a test can check what was recorded and
 * report how answers fared during an incident.
 */
public final class QualificationLoad {

    /** A request that hangs counts as failed rather than hanging the test. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** After a failure (a refused connection at shutdown), a client waits this long before its next request. */
    private static final Duration AFTER_FAILURE = Duration.ofMillis(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How a load is shaped; {@code maxDeals} and {@code maxTime} bound it whatever the test does. */
    public record Shape(int clients, int batchEvery, int batchSize, int maxDeals, Duration maxTime) {
    }

    /**
     * One request: when it was sent (System.nanoTime), how long it took, how many deals it carried, its status (-1:
     * no answer), and for a problem answered its {@code type} and {@code Retry-After} (null when absent).
     */
    public record Request(long sentNanos, long tookNanos, int deals, int status, String problemType,
                          String retryAfter) {
    }

    private final URI qualifications;
    private final URI batch;
    private final String apiKey;
    private final Shape shape;
    private final String template;
    private final String dealPrefix;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicInteger dealsSent = new AtomicInteger();
    private final AtomicInteger dealNumber = new AtomicInteger();
    private final Queue<UUID> answered = new ConcurrentLinkedQueue<>();
    private final Queue<Request> requests = new ConcurrentLinkedQueue<>();
    private final Queue<String> failures = new ConcurrentLinkedQueue<>();
    private final AtomicLong failureCount = new AtomicLong();
    private final List<Thread> clients = new ArrayList<>();
    private final long deadline;

    private QualificationLoad(URI base, String apiKey, Shape shape, String dealPrefix) {
        this.qualifications = base.resolve("/v1/qualifications");
        this.batch = base.resolve("/v1/qualifications/batch");
        this.apiKey = apiKey;
        this.shape = shape;
        this.dealPrefix = dealPrefix;
        this.deadline = System.nanoTime() + shape.maxTime().toNanos();
        try {
            template = Files.readString(Path.of("examples/deal.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!template.contains("\"OPP-2026-0042\"")) {
            throw new IllegalStateException("examples/deal.json no longer has the id this load replaces");
        }
    }

    /** Starts the clients on the service at {@code base} (e.g. http://127.0.0.1:8081/). */
    public static QualificationLoad start(URI base, String apiKey, Shape shape, String dealPrefix) {
        QualificationLoad load = new QualificationLoad(base, apiKey, shape, dealPrefix);
        for (int i = 0; i < shape.clients(); i++) {
            Thread client = new Thread(load::run, "load-client-" + i);
            client.setDaemon(true);
            load.clients.add(client);
            client.start();
        }
        return load;
    }

    /** Stops the clients once their requests in flight are answered (or time out); idempotent. */
    public QualificationLoad stop() throws InterruptedException {
        stop.set(true);
        for (Thread client : clients) {
            client.join(REQUEST_TIMEOUT.plusSeconds(5).toMillis());
            if (client.isAlive()) {
                throw new IllegalStateException(client.getName() + " did not stop");
            }
        }
        return this;
    }

    /** Whether every client has stopped, by {@link #stop()}, the deadline or the number of deals. */
    public boolean finished() {
        return clients.stream().noneMatch(Thread::isAlive);
    }

    /** The decision ids of the advice answered 200 so far. */
    public List<UUID> answered() {
        return List.copyOf(answered);
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Deals answered 200 by requests sent from {@code fromNanos} (inclusive) to {@code toNanos} (exclusive). */
    public int dealsAnswered(long fromNanos, long toNanos) {
        return requests.stream().filter(r -> r.status() == 200 && r.sentNanos() >= fromNanos && r.sentNanos() < toNanos)
                .mapToInt(Request::deals).sum();
    }

    /** Requests that got no 200 with every advice: count, and the first few, for the assertion message. */
    public long failureCount() {
        return failureCount.get();
    }

    public List<String> someFailures() {
        return failures.stream().limit(10).toList();
    }

    /** The {@code percent} percentile of the time taken by the requests sent between the two instants, in ms. */
    public double latencyMillis(double percent, long fromNanos, long toNanos) {
        List<Long> took = new ArrayList<>();
        requests.stream().filter(r -> r.sentNanos() >= fromNanos && r.sentNanos() < toNanos)
                .forEach(r -> took.add(r.tookNanos()));
        if (took.isEmpty()) {
            return Double.NaN;
        }
        Collections.sort(took);
        int index = (int) Math.ceil(percent / 100 * took.size()) - 1;
        return took.get(Math.max(0, Math.min(index, took.size() - 1))) / 1e6;
    }

    private void run() {
        int sent = 0;
        while (!stop.get() && System.nanoTime() - deadline < 0) {
            boolean isBatch = shape.batchSize() > 1 && ++sent % shape.batchEvery() == 0;
            int deals = reserve(isBatch ? shape.batchSize() : 1);
            if (deals == 0) {
                return;
            }
            long sentAt = System.nanoTime();
            int status = -1;
            String problemType = null;
            String retryAfter = null;
            try {
                HttpResponse<String> response = http.send(request(isBatch, deals), HttpResponse.BodyHandlers.ofString());
                status = response.statusCode();
                if (status >= 400) {
                    problemType = problemType(response.body());
                    retryAfter = response.headers().firstValue("Retry-After").orElse(null);
                }
                List<UUID> ids = status == 200 ? ids(isBatch, response) : List.of();
                if (ids.size() != deals) {
                    fail(status + " " + response.body().substring(0, Math.min(300, response.body().length())));
                }
                answered.addAll(ids);
            } catch (IOException | RuntimeException e) {
                fail(e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                requests.add(new Request(sentAt, System.nanoTime() - sentAt, deals, status, problemType, retryAfter));
            }
        }
    }

    /** The {@code type} of a problem document; the body itself, cut short, when it is not one. */
    private static String problemType(String body) {
        try {
            JsonNode type = JSON.readTree(body).get("type");
            if (type != null && type.isTextual()) {
                return type.asText();
            }
        } catch (IOException notJson) {
            // told by what is returned
        }
        return body.substring(0, Math.min(200, body.length()));
    }

    /** Up to {@code wanted} deals of those left to send, so that exactly {@code maxDeals} are sent in all. */
    private int reserve(int wanted) {
        while (true) {
            int sent = dealsSent.get();
            int deals = Math.min(wanted, shape.maxDeals() - sent);
            if (deals <= 0 || dealsSent.compareAndSet(sent, sent + deals)) {
                return Math.max(deals, 0);
            }
        }
    }

    /** The decision ids of the advice in a 200 answer; an answer without one is short of ids, hence a failure. */
    private static List<UUID> ids(boolean isBatch, HttpResponse<String> response) throws IOException {
        if (!isBatch) {
            return response.headers().firstValue("Decision-Id").map(UUID::fromString).stream().toList();
        }
        List<UUID> ids = new ArrayList<>();
        for (JsonNode result : JSON.readTree(response.body()).get("results")) {
            JsonNode id = result.get("decisionId");
            if (id != null && !id.isNull() && result.hasNonNull("advice")) {
                ids.add(UUID.fromString(id.asText()));
            }
        }
        return ids;
    }

    private HttpRequest request(boolean isBatch, int deals) {
        String body;
        if (isBatch) {
            List<String> items = new ArrayList<>(deals);
            for (int i = 0; i < deals; i++) {
                items.add(deal());
            }
            body = "[" + String.join(",", items) + "]";
        } else {
            body = deal();
        }
        return HttpRequest.newBuilder(isBatch ? batch : qualifications).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json").header("X-API-Key", apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private String deal() {
        return template.replace("\"OPP-2026-0042\"", "\"" + dealPrefix + "-" + dealNumber.incrementAndGet() + "\"");
    }

    private void fail(String what) {
        failureCount.incrementAndGet();
        if (failures.size() < 100) {
            failures.add(what);
        }
        try {
            Thread.sleep(AFTER_FAILURE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

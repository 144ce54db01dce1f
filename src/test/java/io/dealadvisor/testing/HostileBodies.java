package io.dealadvisor.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The bodies a careless or hostile caller can send, each with the answer it must get, and a client that sends them
 * with a declared length or chunked. The same attacks run against the service in the test JVM and against the
 * packaged jar at the shipped heap.
 */
public final class HostileBodies {

    private static final String DEAL_START = "{\"id\":\"OPP-HOSTILE\",\"client\":{\"name\":\"Northwind\"},"
            + "\"offering\":{\"name\":\"Audit\"}";

    /** One attack: how and where it goes, its body, whether it is sent chunked, and the status it must get. */
    public record Attack(String name, String method, String path, byte[] body, boolean chunked, int expected) {
        Attack(String name, String path, byte[] body, boolean chunked, int expected) {
            this(name, "POST", path, body, chunked, expected);
        }

        @Override
        public String toString() {
            return name + " (" + body.length / 1024 + " KB" + (chunked ? ", chunked" : "") + ")";
        }
    }

    /** What came back, and how long it took from the first byte sent. */
    public record Answer(int status, String body, Duration took) {
    }

    private HostileBodies() {
    }

    public static List<Attack> all() {
        return List.of(
                new Attack("100,000 bad entries in one list", "/v1/qualifications",
                        deal(",\"milestones\":[" + repeat("1", 100_000) + "]"), false, 400),
                new Attack("20,000 competitors with three wrong types each", "/v1/qualifications",
                        deal(",\"competitors\":[" + repeat("{\"name\":1,\"fitsRequirements\":\"yes\","
                                + "\"fitsInfrastructure\":2}", 20_000) + "]"), false, 400),
                new Attack("a batch of 1,300,000 empty objects", "/v1/qualifications/batch",
                        utf8("[" + repeat("{}", 1_300_000) + "]"), false, 413),
                new Attack("a batch of 4,000,000 empty objects", "/v1/qualifications/batch",
                        utf8("[" + repeat("{}", 4_000_000) + "]"), true, 413),
                new Attack("one deal with 3,000,000 list entries", "/v1/qualifications",
                        deal(",\"milestones\":[" + repeat("{}", 3_000_000) + "]"), true, 413),
                // the bodies of the other endpoints are held to the same limit, as they arrive
                new Attack("an erasure padded with 6,000,000 numbers", "POST", "/v1/erasures",
                        utf8("{\"pad\":[" + repeat("1", 6_000_000) + "],\"clientId\":\"ACC-HOSTILE\"}"), true, 413),
                new Attack("an outcome padded with 6,000,000 numbers", "PUT",
                        "/v1/decisions/0193b5e2-7c1a-7d3e-9a41-2f6c8e0b5d17/outcome",
                        utf8("{\"pad\":[" + repeat("1", 6_000_000) + "],\"result\":\"WON\","
                                + "\"adviceFollowed\":true}"), true, 413));
    }

    /** A deal the service advises on: sent beside each attack, it must be answered as usual. */
    public static byte[] normalDeal() {
        return deal("");
    }

    /** A deal with {@code members} (starting with a comma) added after its required ones. */
    public static byte[] deal(String members) {
        return utf8(DEAL_START + members + "}");
    }

    public static Answer send(HttpClient http, URI base, Attack attack, String apiKey)
            throws IOException, InterruptedException {
        return send(http, base, attack.method(), attack.path(), attack.body(), attack.chunked(), apiKey);
    }

    /** A deal posted to {@code path}. */
    public static Answer send(HttpClient http, URI base, String path, byte[] body, boolean chunked, String apiKey)
            throws IOException, InterruptedException {
        return send(http, base, "POST", path, body, chunked, apiKey);
    }

    private static Answer send(HttpClient http, URI base, String method, String path, byte[] body, boolean chunked,
                               String apiKey) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher = chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body);
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("X-API-Key", apiKey).method(method, publisher).build();
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body(), Duration.ofNanos(System.nanoTime() - start));
    }

    public static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    private static String repeat(String item, int times) {
        StringBuilder joined = new StringBuilder((item.length() + 1) * times);
        for (int i = 0; i < times; i++) {
            if (i > 0) {
                joined.append(',');
            }
            joined.append(item);
        }
        return joined.toString();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

package io.dealadvisor.ops;

import io.dealadvisor.security.Credentials;
import io.dealadvisor.testing.Poll;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.StreamResetException;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each limit on input answers with a problem document that names it. */
@QuarkusTest
class InputLimitsTest {

    @TestHTTPResource("/")
    URL testUrl;

    @Inject
    GracefulStop stop;

    @Inject
    Vertx vertx;

    private static final String DEAL_START = "{\"id\":\"OPP-LIMITS\",\"client\":{\"name\":\"Northwind\"},"
            + "\"offering\":{\"name\":\"Audit\"}";

    @Test
    void aBodyOverTheSizeLimitIs413() {
        String deal = "{\"id\":\"OPP\",\"client\":{\"name\":\"" + "N".repeat(9_000) + "\"},\"offering\":{\"name\":\"Audit\"}}";
        String batch = "[" + String.join(",", Collections.nCopies(500, deal)) + "]";
        post("/v1/qualifications/batch", batch).then().statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413))
                .body("detail", containsString("4M"));
    }

    /**
     * A length declared beyond the HTTP layer's own ceiling (16M), with no body sent: the same problem document as
     * any body over the limit, and nothing left for a stop to wait for (each such request used to stay in flight for
     * good, until the heap ran out).
     */
    @Test
    void aLengthDeclaredBeyondTheHttpCeilingIsTheSame413AndNothingStaysInFlight() throws Exception {
        for (int i = 0; i < 20; i++) {
            try (Socket socket = new Socket(testUrl.getHost(), testUrl.getPort())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(("POST /v1/qualifications HTTP/1.1\r\nHost: localhost\r\n"
                        + "X-API-Key: " + Credentials.DEMO_KEY + "\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 999999999\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

                assertTrue(response.startsWith("HTTP/1.1 413"), response);
                assertTrue(response.toLowerCase().contains("content-type: application/problem+json"), response);
                assertTrue(response.contains("\"type\":\"urn:deal-advisor:problem:body-too-large\""), response);
            }
        }
        Poll.until(Duration.ofSeconds(10), "no request left in flight", stop::inFlight, count -> count == 0);
    }

    /**
     * Over HTTP/2 the connection is shared by other requests, so only the stream ends: with the answer, then a reset
     * with NO_ERROR that tells the client to stop sending (ending the stream alone let the upload go on).
     */
    @Test
    void overHttp2ALengthBeyondTheCeilingIsAnsweredThenTheUploadIsStopped() throws Exception {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(false));
        try {
            CompletableFuture<String> answer = new CompletableFuture<>();
            CompletableFuture<Throwable> reset = new CompletableFuture<>();
            HttpClientRequest request = client.request(HttpMethod.POST, testUrl.getPort(), testUrl.getHost(),
                    "/v1/qualifications").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            request.putHeader("X-API-Key", Credentials.DEMO_KEY).putHeader("Content-Type", "application/json")
                    .putHeader("Content-Length", "999999999").exceptionHandler(reset::complete);
            request.response().onSuccess(response -> response.body().onSuccess(body -> answer.complete(
                    response.statusCode() + " " + response.getHeader("Content-Type") + " " + body)));
            request.write(Buffer.buffer(new byte[16_384]));

            String received = answer.get(10, TimeUnit.SECONDS);
            assertTrue(received.startsWith("413 application/problem+json "), received);
            assertTrue(received.contains("urn:deal-advisor:problem:body-too-large"), received);
            Throwable stopped = reset.get(10, TimeUnit.SECONDS);
            assertTrue(stopped instanceof StreamResetException streamReset && streamReset.getCode() == 0,
                    stopped.toString());
        } finally {
            client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        Poll.until(Duration.ofSeconds(10), "no request left in flight", stop::inFlight, count -> count == 0);
    }

    @Test
    void aStringOverTheLengthLimitIs400NamingTheFieldAndTheLimit() {
        post("/v1/qualifications", DEAL_START.replace("Northwind", "N".repeat(10_001)) + "}")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("client.name"))
                .body("errors[0].message", containsString("exceeds a limit"))
                .body("errors[0].message", containsString("10001 characters, at most 10000"));
    }

    @Test
    void aLongStringInsideAListIsNamedWithItsIndex() {
        post("/v1/qualifications", DEAL_START + ",\"milestones\":[{\"name\":\"ok\"},{\"name\":\""
                + "M".repeat(10_001) + "\"}]}")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("milestones[1].name"));
    }

    /** A stray {@code %} or a bad escape: sent over a plain socket, since HTTP clients refuse to send it. */
    @Test
    void aMalformedQueryStringGetsAProblemDocument() throws Exception {
        String response = rawGet("/v1/truths?name=%zz");

        assertTrue(response.startsWith("HTTP/1.1 400"), response);
        assertTrue(response.toLowerCase().contains("content-type: application/problem+json"), response);
        assertTrue(response.contains("\"type\":\"urn:deal-advisor:problem:bad-query\""), response);
        assertTrue(response.contains("\"status\":400"), response);
        assertTrue(response.contains("the query string cannot be decoded: Malformed escape pair at index 5"), response);
    }

    @Test
    void aMalformedUriGetsAProblemDocumentOnEveryRoute() throws Exception {
        String query = rawGet("/q/openapi?%");
        assertTrue(query.startsWith("HTTP/1.1 400"), query);
        assertTrue(query.contains("the query string cannot be decoded"), query);

        String path = rawGet("/v1/tr%zzuths");
        assertTrue(path.startsWith("HTTP/1.1 400"), path);
        assertTrue(path.contains("\"type\":\"urn:deal-advisor:problem:bad-uri\""), path);
        assertTrue(path.contains("the request path cannot be decoded"), path);
    }

    @Test
    void aWellFormedEscapedQueryStringIsServed() throws Exception {
        String response = rawGet("/v1/truths?name=a%20b&x=%E2%82%AC");

        assertTrue(response.startsWith("HTTP/1.1 200"), response);
        assertTrue(response.toLowerCase().contains("content-type: application/json"), response);
    }

    private String rawGet(String target) throws Exception {
        try (Socket socket = new Socket(testUrl.getHost(), testUrl.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "X-API-Key: " + Credentials.DEMO_KEY + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static io.restassured.response.Response post(String path, String body) {
        return Credentials.asDemo().contentType(ContentType.JSON).body(body).post(path);
    }
}

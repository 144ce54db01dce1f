package io.dealadvisor.api;

import io.dealadvisor.security.Credentials;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static io.dealadvisor.api.Api.assertProblem;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The truths and the live ruleset as callers inspect them, and the problems for requests the API has no answer for:
 * a path or method it does not have, a body it does not take.
 */
@QuarkusTest
class CatalogueApiTest {

    private static final Path RULES = Path.of("rules");

    @Test
    void listsEveryTruthOfTheCatalogueWithTheRulesCitingIt() throws IOException {
        JsonNode catalogue = new ObjectMapper(new YAMLFactory()).readTree(RULES.resolve("truths.yaml").toFile());
        List<String> codes = catalogue.path("truths").findValuesAsText("code");

        JsonPath truths = Credentials.asDemo().get(Api.TRUTHS).then()
                .statusCode(200)
                .contentType(Api.JSON)
                .body("truths.statement", everyItem(not(emptyOrNullString())))
                .body("truths.source", everyItem(endsWith(".txt")))
                .body("truths.rules", everyItem(not(empty())))
                .extract().jsonPath();
        assertEquals(codes, truths.getList("truths.code"));

        // each live rule is listed under the truth it cites, and nothing else is listed
        String citedByRules = "rules.collect { it.truth + ' / ' + it.name }";
        String listedUnderTruths = "truths.collectMany { truth -> truth.rules.collect { truth.code + ' / ' + it } }";
        assertEquals(Set.copyOf(ruleset().getList(citedByRules)), Set.copyOf(truths.getList(listedUnderTruths)));
    }

    @Test
    void describesTheLiveRulesetWithItsFilesAndRules() throws IOException {
        List<String> ruleFiles;
        try (Stream<Path> walk = Files.walk(RULES)) {
            ruleFiles = walk.filter(Files::isRegularFile)
                    .map(path -> RULES.relativize(path).toString().replace('\\', '/'))
                    .filter(file -> !file.startsWith("scenarios/"))
                    .sorted()
                    .toList();
        }

        JsonPath ruleset = Credentials.asDemo().get(Api.RULESET).then()
                .statusCode(200)
                .contentType(Api.JSON)
                .body("version", matchesPattern(Api.RULESET_VERSION))
                .body("$", hasKey("lastReloadError"))
                .body("lastReloadError", nullValue())
                .body("rules", not(empty()))
                .body("rules", everyItem(allOf(hasKey("name"), hasKey("truth"), hasKey("file"), hasKey("advice"))))
                .body("rules.file", everyItem(allOf(endsWith(".drl"), in(ruleFiles))))
                .body("rules.advice", everyItem(anyOf(nullValue(), in(List.of("PROCEED", "WAIT", "REFER", "NO_SALE")))))
                .extract().jsonPath();
        assertEquals(ruleFiles, ruleset.getList("files"));
        Instant.parse(ruleset.getString("loadedAt")); // throws unless an ISO-8601 instant
    }

    @Test
    void reloadsUnchangedRulesUnderTheSameVersion() {
        String before = ruleset().getString("version");

        Credentials.asDemo().post(Api.RELOAD).then()
                .statusCode(200)
                .contentType(Api.JSON)
                .body("version", equalTo(before))
                .body("lastReloadError", nullValue());
        assertEquals(before, ruleset().getString("version"));
    }

    @Test
    void answersAnUnknownPathWithAProblem() {
        assertProblem(Credentials.asDemo().get("/v1/nowhere").then(), 404);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {"GET | " + Api.QUALIFICATIONS + " | OPTIONS, POST",
            "GET | " + Api.BATCH + " | OPTIONS, POST", "DELETE | " + Api.TRUTHS + " | GET, HEAD, OPTIONS",
            "POST | " + Api.TRUTHS + " | GET, HEAD, OPTIONS", "PUT | " + Api.RULESET + " | GET, HEAD, OPTIONS",
            "GET | " + Api.RELOAD + " | OPTIONS, POST"})
    void answersAMethodThePathDoesNotTakeWithAProblemAndTheMethodsItTakes(String method, String path, String allow) {
        assertProblem(Credentials.asDemo().request(method, path).then().header("Allow", allow), 405);
    }

    /** What OPTIONS says a path takes is what it serves: every other method is a 405 there (RFC 9110, 9.3.7). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {Api.QUALIFICATIONS + " | OPTIONS, POST", Api.BATCH + " | OPTIONS, POST",
            Api.TRUTHS + " | GET, HEAD, OPTIONS", Api.TRUTHS + "/ | GET, HEAD, OPTIONS",
            Api.RULESET + " | GET, HEAD, OPTIONS", Api.RELOAD + " | OPTIONS, POST",
            Api.SCENARIOS + " | GET, HEAD, OPTIONS", "/v1/decisions | GET, HEAD, OPTIONS",
            "/v1/decisions/export | GET, HEAD, OPTIONS", "/v1/decisions/summary | GET, HEAD, OPTIONS",
            "/v1/decisions/0193b5e2-7c1a-7d3e-9a41-2f6c8e0b5d17 | GET, HEAD, OPTIONS",
            "/v1/decisions/0193b5e2-7c1a-7d3e-9a41-2f6c8e0b5d17/outcome | OPTIONS, PUT",
            "/v1/erasures | GET, HEAD, OPTIONS, POST", "/v1/evidence | GET, HEAD, OPTIONS",
            "/v1/shadow | GET, HEAD, OPTIONS", "/v1/revisits | GET, HEAD, OPTIONS"})
    void optionsNamesTheMethodsThePathServes(String path, String allow) {
        Credentials.asDemo().options(path).then().statusCode(200).header("Allow", allow);
        for (String method : List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH")) {
            int status = Credentials.asDemo().contentType(ContentType.JSON).body("{}").request(method, path)
                    .statusCode();
            assertEquals(!Set.of(allow.split(", ")).contains(method), status == 405, method + " " + path + ": "
                    + status);
        }
    }

    @Test
    void optionsOnAnUnknownPathIsNotFound() {
        assertProblem(Credentials.asDemo().options("/v1/nowhere").then(), 404);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({Api.QUALIFICATIONS, Api.BATCH})
    void answersABodyThatIsNotJsonWithAProblem(String path) {
        assertUnsupported(Credentials.asDemo().contentType(ContentType.XML).body("<deal id=\"OPP-1\"/>").post(path)
                .then(), "Content-Type");
    }

    /** Such a body would be read as UTF-8 JSON all the same: refused, naming the header and what it must say. */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {"Content-Type | application/json; charset=UTF-16",
            "Content-Type | application/json; charset=ISO-8859-1", "Content-Encoding | gzip",
            "Content-Encoding | br", "Content-Encoding | identity, gzip"})
    void answersABodyInAnotherCharsetOrCodingWithAProblemNamingTheHeader(String header, String value) {
        String deal = DealJson.specExample().toString();
        ValidatableResponse response = (header.equals("Content-Type") ? Credentials.asDemo().contentType(value)
                : Credentials.asDemo().contentType(ContentType.JSON).header(header, value)).body(deal)
                .post(Api.QUALIFICATIONS).then();
        assertUnsupported(response, header);
        if (header.equals("Content-Encoding")) {
            response.header("Accept-Encoding", "identity");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"POST | " + Api.QUALIFICATIONS, "POST | " + Api.BATCH, "POST | /v1/erasures",
            "PUT | /v1/decisions/0193b5e2-7c1a-7d3e-9a41-2f6c8e0b5d17/outcome"})
    void answersABodyWithoutAContentTypeWithAProblem(String method, String path) throws Exception {
        // RestAssured always sends a Content-Type with a body
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(RestAssured.baseURI + ":" + RestAssured.port + path))
                .header("X-API-Key", Credentials.DEMO_KEY)
                .method(method, HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(415, response.statusCode(), response.body());
        assertEquals(Optional.of("application/problem+json"), response.headers().firstValue("Content-Type"));
        assertThat(response.body(), containsString("the Content-Type header must be application/json"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {"Content-Type | application/json; charset=utf-8",
            "Content-Type | Application/JSON;Charset=\"UTF-8\"", "Content-Encoding | identity"})
    void acceptsAJsonBodyInUtf8NotCompressed(String header, String value) {
        (header.equals("Content-Type") ? Credentials.asDemo().contentType(value)
                : Credentials.asDemo().contentType(ContentType.JSON).header(header, value))
                .body(DealJson.specExample().toString()).post(Api.QUALIFICATIONS).then().statusCode(200);
    }

    private static void assertUnsupported(ValidatableResponse response, String header) {
        assertThat(assertProblem(response, 415).detail(), startsWith("the " + header + " header must be "));
    }

    private static JsonPath ruleset() {
        return Credentials.asDemo().get(Api.RULESET).then().statusCode(200).extract().jsonPath();
    }
}

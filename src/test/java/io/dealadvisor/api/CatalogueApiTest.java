package io.dealadvisor.api;

import io.dealadvisor.security.Credentials;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static io.dealadvisor.api.Api.assertProblem;
import static org.hamcrest.Matchers.allOf;
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
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The truths and the live ruleset as callers inspect them, and the problems for requests the API has no answer for. */
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
        assertProblem(Credentials.asDemo().contentType(ContentType.XML).body("<deal id=\"OPP-1\"/>").post(path).then(), 415);
    }

    private static JsonPath ruleset() {
        return Credentials.asDemo().get(Api.RULESET).then().statusCode(200).extract().jsonPath();
    }
}

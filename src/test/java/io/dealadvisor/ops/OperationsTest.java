package io.dealadvisor.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dealadvisor.security.Credentials;
import io.dealadvisor.testing.Management;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What operators rely on: health and metrics on the management interface (and not on the API's port), the served
 * contract, one log line per decision.
 */
@QuarkusTest
class OperationsTest {

    private static final String DEAL = """
            {"id":"OPP-OPS-1","asOf":"2026-11-23","client":{"name":"Northwind"},"offering":{"name":"Audit"},
             "discovery":{"nothingNeeded":true}}""";

    @Test
    void readinessReportsTheLiveRuleset() {
        String version = Credentials.asDemo().get("/v1/ruleset").then().extract().path("version");
        Management.given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'ruleset' }.data.version", equalTo(version));
    }

    @Test
    void metricsCountDecisionsRuleFiringsAndTheLiveVersion() {
        qualify();
        String metrics = Management.given().get("/q/metrics").then().statusCode(200).extract().asString();
        String version = Credentials.asDemo().get("/v1/ruleset").then().extract().path("version");
        assertTrue(metrics.contains("deal_advisor_qualifications_total{advice=\"NO_SALE\"}"), metrics);
        assertTrue(metrics.contains("deal_advisor_rule_firings_total{rule=\"When our analysis finds the client needs"
                + " nothing, we tell them so\",truth=\"BEST_SALE_NO_SALE\"}"));
        assertTrue(metrics.contains("deal_advisor_evaluation_seconds_bucket"), "latency histogram");
        assertTrue(metrics.contains("deal_advisor_ruleset_info{version=\"" + version + "\"} 1.0"));
        assertTrue(metrics.contains("deal_advisor_ruleset_loads_total{outcome=\"accepted\"}"));
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith("deal_advisor_rule_firings_total")
                && line.endsWith(" 0.0")), "rules that never fired are listed from zero");
    }

    /** The firing counts the analysts' page shows come from the API, and agree with the metric. */
    @Test
    void theRulesetReportsEachRulesFiringsAsTheMetricCountsThem() {
        String rule = "When our analysis finds the client needs nothing, we tell them so";
        long before = firings(rule);
        qualify();
        qualify();
        long after = firings(rule);
        assertEquals(before + 2, after);
        String metrics = Management.given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("deal_advisor_rule_firings_total{rule=\"" + rule + "\",truth=\"BEST_SALE_NO_SALE\"} "
                + after + ".0"), metrics);
    }

    private static long firings(String rule) {
        List<Map<String, Object>> rules = Credentials.asDemo().get("/v1/ruleset").then().statusCode(200)
                .extract().jsonPath().getList("rules");
        return rules.stream().filter(view -> rule.equals(view.get("name")))
                .mapToLong(view -> ((Number) view.get("firings")).longValue()).findFirst()
                .orElseThrow(() -> new AssertionError("no rule " + rule + " in " + rules));
    }

    /** Probes and Prometheus use the management port; the API's port serves neither, to anyone. */
    @ParameterizedTest(name = "{0} is on the management interface only")
    @ValueSource(strings = {"/q/health", "/q/health/ready", "/q/health/live", "/q/health/started", "/q/health/well",
            "/q/metrics"})
    void healthAndMetricsAreServedOnTheManagementInterfaceOnly(String path) {
        assertNotEquals(RestAssured.port, Management.base().getPort(), "the management interface has a port of its own");
        Management.given().get(path).then().statusCode(200);
        given().get(path).then().statusCode(404);
        Credentials.asDemo().get(path).then().statusCode(404);
    }

    /** The contract stays beside the API it describes, where callers and the analysts' page read it. */
    @Test
    void theContractIsServedOnTheApiPortOnly() {
        given().get("/q/openapi").then().statusCode(200);
        Management.given().get("/q/openapi").then().statusCode(404);
    }

    @Test
    void servesTheTopLevelContractAsItIs() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode written = yaml.readTree(Files.readString(Path.of("openapi.yaml")));
        JsonNode served = yaml.readTree(given().get("/q/openapi").then().statusCode(200).extract().asString());
        assertEquals(written, served);
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void logsOneLinePerDecision() {
        List<ExtLogRecord> records = new CopyOnWriteArrayList<>();
        ExtHandler capture = new ExtHandler() {
            @Override
            protected void doPublish(ExtLogRecord record) {
                record.copyAll(); // the MDC is cleared right after the line is written
                records.add(record);
            }
        };
        Logger decisions = Logger.getLogger("deal-advisor.decisions");
        decisions.addHandler(capture);
        try {
            qualify();
        } finally {
            decisions.removeHandler(capture);
        }
        List<ExtLogRecord> mine = records.stream()
                .filter(record -> "OPP-OPS-1".equals(record.getMdc("dealId"))).toList();
        assertEquals(1, mine.size());
        assertEquals("NO_SALE", mine.get(0).getMdc("advice"));
        assertTrue(mine.get(0).getMdc("truths").contains("BEST_SALE_NO_SALE"));
        assertTrue(mine.get(0).getFormattedMessage().startsWith("deal=OPP-OPS-1 advice=NO_SALE"));
    }

    private static void qualify() {
        Credentials.asDemo().contentType(ContentType.JSON).body(DEAL).post("/v1/qualifications")
                .then().statusCode(200).body("advice", equalTo("NO_SALE"))
                .body("reasons.truth", hasItem("BEST_SALE_NO_SALE"));
    }
}

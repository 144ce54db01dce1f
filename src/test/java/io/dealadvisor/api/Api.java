package io.dealadvisor.api;

import io.dealadvisor.security.Credentials;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.hamcrest.Matcher;
import org.hamcrest.Matchers;

import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/** The API's paths, and the requests and checks every API test shares. */
final class Api {

    static final String QUALIFICATIONS = "/v1/qualifications";
    static final String BATCH = "/v1/qualifications/batch";
    static final String TRUTHS = "/v1/truths";
    static final String RULESET = "/v1/ruleset";
    static final String RELOAD = "/v1/ruleset/reload";
    static final String SCENARIOS = "/v1/scenarios";
    /** The media type of every answer but a problem, with or without a charset. */
    static final Matcher<String> JSON = startsWith("application/json");
    static final String PROBLEM_JSON = "application/problem+json";
    static final String RULESET_VERSION = "^[0-9a-f]{12}$";

    /** What would show that an error escaped unmapped: a stack trace or the names of the code inside. */
    private static final Matcher<String> INTERNALS = anyOf(containsString("\tat "),
            containsStringIgnoringCase("exception"), containsStringIgnoringCase("jackson"),
            containsString("io.dealadvisor"), containsString("StreamReadFeature"));

    private Api() {
    }

    /** A JSON request with {@code body} sent exactly as written. */
    static RequestSpecification sending(String body) {
        return Credentials.asDemo().contentType(ContentType.JSON).body(body);
    }

    static ValidatableResponse qualify(Object deal) {
        return sending(deal.toString()).post(QUALIFICATIONS).then();
    }

    static ValidatableResponse qualifyBatch(String deals) {
        return sending(deals).post(BATCH).then();
    }

    /**
     * The RFC 9457 problem document of a response with {@code status}, holding nothing of the service's insides.
     * Checked in Java rather than with RestAssured's Groovy paths, which cost a compilation each.
     */
    static Problem assertProblem(ValidatableResponse response, int status) {
        String body = response.statusCode(status).contentType(PROBLEM_JSON).extract().asString();
        assertThat(body, not(INTERNALS));
        Problem problem;
        try {
            problem = DealJson.JSON.readValue(body, Problem.class);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not a JSON problem document: " + body, e);
        }
        assertThat(body, problem.type(), not(emptyOrNullString()));
        assertThat(body, problem.title(), not(emptyOrNullString()));
        assertThat(body, problem.status(), equalTo(status));
        assertThat(body, problem.detail(), not(emptyOrNullString()));
        return problem;
    }

    /** A 400 problem whose errors name {@code field} with a message containing {@code allowed}. */
    static void assertInvalid(ValidatableResponse response, String field, String allowed) {
        Problem problem = assertProblem(response, 400);
        assertThat(problem.toString(), problem.errors(), hasItem(fieldError(field, allowed)));
    }

    /** What the tests read of a problem document; the contract test checks there is nothing else. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Problem(String type, String title, Integer status, String detail, List<Map<String, String>> errors) {
    }

    /** One entry of a problem's {@code errors}: at {@code field}, with a message containing {@code allowed}. */
    static Matcher<Map<? extends String, ? extends String>> fieldError(String field, String allowed) {
        return allOf(Matchers.<String, String>hasEntry(equalTo("field"), equalTo(field)),
                Matchers.<String, String>hasEntry(equalTo("message"), containsString(allowed)));
    }
}

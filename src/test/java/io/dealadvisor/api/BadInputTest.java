package io.dealadvisor.api;

import io.dealadvisor.security.Credentials;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static io.dealadvisor.api.Api.QUALIFICATIONS;
import static io.dealadvisor.api.Api.assertInvalid;
import static io.dealadvisor.api.Api.assertProblem;
import static io.dealadvisor.api.Api.fieldError;
import static io.dealadvisor.api.Api.qualify;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;

/** Every kind of bad input (docs/api.md) gets a 400 problem naming the field and what it allows. */
@QuarkusTest
class BadInputTest {

    private static final String NUMBER = "must be a number";
    private static final String WHOLE_NUMBER = "must be a whole number";
    private static final String BOOLEAN = "must be true or false";
    private static final String STRING = "must be a string";
    private static final String NOT_NEGATIVE = "must be zero or more";
    private static final String SHARE = "must be between 0 and 1";
    private static final String CURRENCY = "ISO 4217";
    private static final String DATE = "YYYY-MM-DD";
    private static final String REQUIRED = "is required";
    private static final String NOT_JSON = "is not valid JSON";
    private static final String OBJECT = "must be an object";
    private static final String JSON_OBJECT = "JSON object";
    private static final String GIVEN_TWICE = "is given more than once";
    private static final String WRITTEN_OUT = "exceeds a limit of this service: written out in full, a number has at"
            + " most 100 characters";

    /** A bad deal and the error it must get: at {@code field}, with a message containing {@code allowed}. */
    record BadDeal(String name, String body, String field, String allowed) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<BadDeal> badDeals() {
        return Stream.of(
                // wrong type, never coerced
                value("offering.amount", "\"120000\"", NUMBER),
                value("pricing.ourPrice", "\"99.50\"", NUMBER),
                value("client.relationshipYears", "1.5", WHOLE_NUMBER),
                value("infrastructure.approvalsRequired", "2.5", WHOLE_NUMBER),
                value("client.statedNoNeed", "\"true\"", BOOLEAN),
                value("discovery.problemDiagnosed", "1", BOOLEAN),
                value("competitors[0].fitsRequirements", "\"yes\"", BOOLEAN),
                value("id", "42", STRING),
                value("client.name", "7", STRING),
                value("discovery.desiredOutcome", "false", STRING),
                // half of a surrogate pair: valid JSON, but no UTF-8 text can store or export it
                escaped("client.name", "A\\ud800B", "must be Unicode text: character 2 is half of a surrogate pair"),
                escaped("competitors[0].name", "\\udc00\\ud800", "character 1 is half of a surrogate pair (\\udc00)"),
                // enum values not listed, or not in upper case
                value("offering.category", "\"CHEAP\"", "must be one of COMMODITY, SPECIALTY, LUXURY"),
                value("offering.category", "\"specialty\"", "must be one of COMMODITY, SPECIALTY, LUXURY"),
                value("offering.novelty", "\"NEW\"", "must be one of NEW_TO_CLIENT, REPLACEMENT"),
                value("discovery.positioning", "\"want\"", "must be one of WANT, NEED, UNKNOWN"),
                value("infrastructure.fit", "\"PERFECT\"", "must be one of SEAMLESS"),
                value("infrastructure.politicalResistance", "1", "must be one of LOW, MEDIUM, HIGH"),
                value("milestones[0].status", "\"OPEN\"", "must be one of PENDING, DONE"),
                // negative numbers
                value("offering.amount", "-1", NOT_NEGATIVE),
                value("client.lifetimeValue", "-0.01", NOT_NEGATIVE),
                value("client.relationshipYears", "-1", NOT_NEGATIVE),
                value("infrastructure.approvalsRequired", "-2", NOT_NEGATIVE),
                value("incidents[0].clientLoss", "-500", NOT_NEGATIVE),
                value("incidents[0].amendsOffered", "-1", NOT_NEGATIVE),
                value("pricing.ourPrice", "-120000", NOT_NEGATIVE),
                value("pricing.lowestCompetitorPrice", "-1", NOT_NEGATIVE),
                // read exactly, the rules would write these out in a billion digits (a double would have 0 or ∞)
                value("incidents[0].clientLoss", "1e999999999", WRITTEN_OUT),
                value("discovery.requirementsCovered", "1e-999999999", WRITTEN_OUT),
                value("offering.amount", "-1e-400", WRITTEN_OUT),
                // over the parser's limits, named where the parser stood
                value("client.relationshipYears", "1".repeat(200),
                        "Number value length (200) exceeds the maximum allowed (100)"),
                new BadDeal("a member name of 10,001 characters", DealJson.specExample().toString()
                        .replace("\"client\":{", "\"client\":{\"" + "n".repeat(10_001) + "\":1,"), "client",
                        "Name length (10001) exceeds the maximum allowed (10000)"),
                // amounts are written out in actions, so their size is bounded
                value("incidents[0].clientLoss", "1e99", "must be less than 1000000000000000"),
                value("offering.amount", "1e15", "must be less than 1000000000000000"),
                // coverage outside 0..1
                value("discovery.requirementsCovered", "-0.1", SHARE),
                value("discovery.requirementsCovered", "1.01", SHARE),
                // a double would round these to 1 and to 0
                value("discovery.requirementsCovered", "1.0000000000000001", SHARE),
                value("discovery.requirementsCovered", "-0.00000000000000000001", SHARE),
                // currencies that are not ISO 4217 codes
                value("offering.currency", "\"EURO\"", CURRENCY),
                value("offering.currency", "\"eur\"", CURRENCY),
                value("offering.currency", "\"XYZ\"", CURRENCY),
                // malformed dates
                value("asOf", "\"2026-13-01\"", DATE),
                value("milestones[0].due", "\"15/12/2026\"", DATE),
                value("milestones[0].due", "\"2026-02-30\"", DATE),
                value("milestones[0].due", "\"+999999999-12-31\"", DATE),
                value("asOf", "\"-0001-01-01\"", DATE),
                value("milestones[0].due", "20261215", DATE),
                value("milestones[0].due", "[2026, 12, 15]", DATE),
                // required fields missing, null or blank
                missing("id"),
                missing("client"),
                missing("offering"),
                missing("client.name"),
                missing("offering.name"),
                value("client", "null", REQUIRED),
                value("id", "\"   \"", REQUIRED),
                value("client.name", "\"\"", REQUIRED),
                value("offering.name", "\" \"", REQUIRED),
                new BadDeal("id of 129 characters", DealJson.specExample().withId("x".repeat(129)).toString(), "id",
                        "1 to 128 characters"),
                // the wrong shape
                value("client", "[]", OBJECT),
                value("milestones[0]", "null", OBJECT),
                value("competitors[0]", "\"Acme\"", OBJECT),
                value("milestones", "{ \"name\": \"Security review\" }", "must be an array"),
                body("malformed JSON", "{ \"id\": \"OPP-1\", ", NOT_JSON),
                body("a trailing comma", "{ \"id\": \"OPP-1\", }", NOT_JSON),
                body("two JSON values", DealJson.specExample() + " {}", NOT_JSON),
                body("an empty body", "", JSON_OBJECT),
                body("a literal null", "null", JSON_OBJECT),
                body("an array of deals", "[" + DealJson.specExample() + "]", JSON_OBJECT),
                body("a string", "\"OPP-1\"", JSON_OBJECT),
                // a member given twice: whoever reads the first value would disagree about the deal
                new BadDeal("id given twice", "{\"id\":\"OPP-1\",\"id\":\"OPP-2\",\"client\":{\"name\":\"N\"},"
                        + "\"offering\":{\"name\":\"A\"}}", "id", GIVEN_TWICE),
                new BadDeal("a milestone's name given twice", "{\"id\":\"OPP-1\",\"client\":{\"name\":\"N\"},"
                        + "\"offering\":{\"name\":\"A\"},\"milestones\":[{\"name\":\"a\"},{\"name\":\"b\","
                        + "\"name\":\"c\"}]}", "milestones[1].name", GIVEN_TWICE),
                new BadDeal("a member given twice inside one the service ignores", DealJson.specExample().toString()
                        .replace("\"client\":{", "\"client\":{\"crm\":{\"x\":1,\"x\":2},"), "client.crm.x",
                        GIVEN_TWICE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badDeals")
    void rejectsWithAProblemNamingTheFieldAndWhatItAllows(BadDeal bad) {
        assertInvalid(qualify(bad.body()), bad.field(), bad.allowed());
    }

    @Test
    void reportsEveryBadFieldAtOnce() {
        DealJson deal = DealJson.specExample()
                .with("offering.amount", "\"120000\"")
                .with("client.relationshipYears", "1.5")
                .with("client.name", "\"\"")
                .with("offering.currency", "\"EURO\"")
                .with("milestones[0].due", "\"2026-02-30\"")
                .with("discovery.requirementsCovered", "1.01")
                .with("incidents[0].clientLoss", "-500");

        assertThat(assertProblem(qualify(deal), 400).errors(), containsInAnyOrder(
                fieldError("offering.amount", NUMBER),
                fieldError("client.relationshipYears", WHOLE_NUMBER),
                fieldError("client.name", REQUIRED),
                fieldError("offering.currency", CURRENCY),
                fieldError("milestones[0].due", DATE),
                fieldError("discovery.requirementsCovered", SHARE),
                fieldError("incidents[0].clientLoss", NOT_NEGATIVE)));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "discovery.requirementsCovered    | 0",
            "discovery.requirementsCovered    | 1",
            "offering.amount                  | 0",
            "offering.amount                  | 999999999999999.99",
            "discovery.requirementsCovered    | 1e-98",
            "infrastructure.approvalsRequired | 0",
            "offering.currency                | \"JPY\"",
            "asOf                             | \"2028-02-29\"",
            "discovery                        | null",
            "milestones                       | []",
            "client.name                      | \"\\ud83d\\ude9a both halves of a pair\""})
    void acceptsValuesAtTheEdgeOfWhatIsAllowed(String field, String json) {
        qualify(DealJson.specExample().with(field, json)).statusCode(200);
    }

    /** '/' as three bytes: a JSON parser decodes it quietly, and a filter looking for '/' never sees one. */
    @Test
    void rejectsAnOverlongUtf8FormNamingTheOffset() {
        byte[] start = "{\"id\":\"OPP-1\",\"client\":{\"name\":\"..".getBytes(StandardCharsets.US_ASCII);
        byte[] rest = "\"},\"offering\":{\"name\":\"Audit\"}}".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(start);
        body.writeBytes(new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF});
        body.writeBytes(rest);

        assertInvalid(Credentials.asDemo().contentType(ContentType.JSON).body(body.toByteArray()).post(QUALIFICATIONS)
                .then(), "", "is not UTF-8 text: the bytes from offset " + start.length);
    }

    @Test
    void acceptsAnIdOf128Characters() {
        qualify(DealJson.specExample().withId("x".repeat(128))).statusCode(200);
    }

    private static BadDeal value(String field, String json, String allowed) {
        return new BadDeal(field + " = " + json, DealJson.specExample().with(field, json).toString(), field, allowed);
    }

    /** A string written with JSON escapes exactly as given: a mapper would write a lone surrogate unescaped. */
    private static BadDeal escaped(String field, String escapedText, String allowed) {
        String body = DealJson.specExample().with(field, "\"ESCAPED\"").toString().replace("ESCAPED", escapedText);
        return new BadDeal(field + " = \"" + escapedText + "\"", body, field, allowed);
    }

    private static BadDeal missing(String field) {
        return new BadDeal(field + " missing", DealJson.specExample().without(field).toString(), field, REQUIRED);
    }

    /** A body that is not a deal at all: the error is at the root, written as the empty path. */
    private static BadDeal body(String name, String text, String allowed) {
        return new BadDeal(name, text, "", allowed);
    }
}

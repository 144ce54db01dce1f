package io.dealadvisor.intake;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Deals read from bodies as the service reads them (its limits on names and numbers), without HTTP. */
class DealBodiesTest {

    private static final String LIMIT = "exceeds a limit of this service";
    private static final String WRITTEN_OUT = LIMIT + ": written out in full, a number has at most 100 characters";

    private static final ObjectMapper MAPPER = StrictJson.newMapper();
    private static final DealBodies BODIES;

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNameLength(DealReader.MAX_STRING_LENGTH).maxNumberLength(ShapedReader.MAX_NUMBER_LENGTH).build());
        Validator validator = Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();
        BODIES = new DealBodies(MAPPER, new DealReader(MAPPER, validator, DealReader.MAX_LIST_SIZE,
                DealReader.MAX_STRING_LENGTH), 4 << 20, 1_000);
    }

    private static String deal(String members) {
        return "{\"id\":\"OPP-1\",\"client\":{\"name\":\"c\"},\"offering\":{\"name\":\"o\"}" + members + "}";
    }

    private static DealReader.Reading read(String body) throws IOException {
        return BODIES.readDeal(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<DealReader.Reading> readBatch(String body) throws IOException {
        return BODIES.readBatch(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void keepsDecimalsExactlyAsSent() throws IOException {
        DealRequest deal = read(deal(",\"discovery\":{\"requirementsCovered\":0.59999999999999999},"
                + "\"incidents\":[{\"clientLoss\":1234567890.123456789}]")).deal();

        assertEquals(new BigDecimal("0.59999999999999999"), deal.discovery().requirementsCovered());
        assertEquals(new BigDecimal("1234567890.123456789"), deal.incidents().get(0).clientLoss());
        assertTrue(MAPPER.writeValueAsString(deal).contains("\"clientLoss\":1234567890.123456789"),
                "the deal as recorded");
    }

    @Test
    void acceptsAnAmountJustBelowTenToTheFifteenth() throws IOException {
        DealReader.Reading reading = read(deal("").replace("{\"name\":\"o\"}",
                "{\"name\":\"o\",\"amount\":999999999999999.99}"));

        assertEquals(List.of(), reading.errors());
        assertEquals(new BigDecimal("999999999999999.99"), reading.deal().offering().amount());
    }

    @Test
    void refusesACoverageJustAboveOne() throws IOException {
        assertEquals(List.of(new FieldError("discovery.requirementsCovered", "must be between 0 and 1")),
                read(deal(",\"discovery\":{\"requirementsCovered\":1.0000000000000001}")).errors());
    }

    /** Read exactly, these would be written out in a billion digits, or not be a decimal at all. */
    @ParameterizedTest
    @ValueSource(strings = {"-1e-400", "1e-400", "1e-999999999", "1e999999999", "-1e999999999", "1e99999999999",
            "1e-2147483649", "0.5e-99"})
    void refusesANumberTooLongWrittenOutInFullNamingItsField(String number) {
        List<FieldError> errors = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> read(deal(",\"incidents\":[{\"clientLoss\":" + number + "}]")).errors());

        assertEquals(List.of(new FieldError("incidents[0].clientLoss", WRITTEN_OUT)), errors);
    }

    @Test
    void acceptsANumberOfAHundredCharactersWrittenOutInFull() throws IOException {
        assertEquals(List.of(), read(deal(",\"discovery\":{\"requirementsCovered\":1e-98}")).errors());
    }

    @Test
    void aDuplicatedMemberRefusesItsOwnDealOfABatchAlone() throws IOException {
        String good = deal("");
        List<DealReader.Reading> deals = readBatch("[" + good + ",{\"id\":\"a\",\"id\":\"b\"}," + good + "]");

        assertEquals(3, deals.size());
        assertTrue(deals.get(0).ok(), deals.get(0).errors()::toString);
        assertEquals(List.of(new FieldError("client", "is required"), new FieldError("id", "is given more than once"),
                new FieldError("offering", "is required")), deals.get(1).errors());
        assertTrue(deals.get(2).ok(), deals.get(2).errors()::toString);
    }

    @Test
    void namesAMemberGivenTwiceAtAnyDepthOnceEach() throws IOException {
        DealReader.Reading reading = read(deal(",\"milestones\":[{\"name\":\"a\",\"name\":\"b\",\"name\":\"c\"}],"
                + "\"crm\":{\"owner\":{\"x\":1,\"x\":2}},\"crm\":0"));

        assertEquals(List.of(new FieldError("crm", "is given more than once"),
                new FieldError("crm.owner.x", "is given more than once"),
                new FieldError("milestones[0].name", "is given more than once")), reading.errors());
    }

    @Test
    void namesTheFieldOfANumberOverTheParsersLimit() throws IOException {
        String digits = "1".repeat(200);

        assertEquals(List.of(new FieldError("client.relationshipYears",
                        LIMIT + ": Number value length (200) exceeds the maximum allowed (100)")),
                read(deal("").replace("{\"name\":\"c\"}", "{\"name\":\"c\",\"relationshipYears\":" + digits + "}"))
                        .errors());
        InvalidDealException batch = assertThrows(InvalidDealException.class, () -> readBatch("[" + deal("") + ","
                + deal(",\"incidents\":[{\"clientLoss\":" + digits + "}]") + "]"));
        assertEquals("[1].incidents[0].clientLoss", batch.errors().get(0).field());
    }

    @Test
    void namesTheObjectHoldingAMemberNameOverTheLimit() throws IOException {
        String name = "n".repeat(DealReader.MAX_STRING_LENGTH + 1);

        List<FieldError> errors = read(deal("").replace("{\"name\":\"c\"}",
                "{\"name\":\"c\",\"" + name + "\":1}")).errors();

        assertEquals(1, errors.size(), errors::toString);
        assertEquals("client", errors.get(0).field());
        assertTrue(errors.get(0).message().startsWith(LIMIT + ": Name length (10001)"), errors::toString);
    }
}

package io.dealadvisor.api;

import io.dealadvisor.security.Credentials;
import io.dealadvisor.testing.SwitchesFlipped;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.dealadvisor.api.Api.assertInvalid;
import static io.dealadvisor.api.Api.sending;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** POST /bench/constant with deal-advisor.bench.enabled=true: reads deals like /v1/qualifications, answers a constant. */
@QuarkusTest
@TestProfile(SwitchesFlipped.class)
class BenchConstantTest {

    static final String CONSTANT = "/bench/constant";

    @Test
    void aGoodDealGetsTheConstantAdvice() {
        Credentials.withKey(Credentials.CALLER_KEY).contentType(ContentType.JSON).body(DealJson.ready().toString())
                .post(CONSTANT).then().statusCode(200).body("dealId", equalTo("BENCH-CONSTANT"));
    }

    @Test
    void aBadDealIsReportedLikeByQualifications() {
        DealJson deal = DealJson.ready().with("offering.amount", "\"120000\"");
        assertInvalid(sending(deal.toString()).post(CONSTANT).then(), "offering.amount", "");
    }

    @Test
    void aCallerWithoutCredentialIsRefused() {
        given().contentType(ContentType.JSON).body(DealJson.ready().toString()).post(CONSTANT).then().statusCode(401);
    }
}

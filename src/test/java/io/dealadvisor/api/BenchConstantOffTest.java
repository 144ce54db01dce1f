package io.dealadvisor.api;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.dealadvisor.api.Api.sending;

/** Without deal-advisor.bench.enabled the benchmark's constant endpoint does not exist for callers. */
@QuarkusTest
class BenchConstantOffTest {

    @Test
    void theConstantEndpointIsNotFoundByDefault() {
        Api.assertProblem(sending(DealJson.ready().toString()).post(BenchConstantTest.CONSTANT).then(), 404);
    }
}

package io.dealadvisor.testing;

import io.quarkus.test.common.http.TestHTTPResourceManager;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

import java.net.URI;

/**
 * Requests to the management interface of the service under test, where health and metrics are served: a port of
 * its own ({@code quarkus.management.test-port=0}: a free one in tests), not the API's.
 */
public final class Management {

    private Management() {
    }

    /** A request to the management interface; paths are given whole, e.g. {@code /q/health/ready}. */
    public static RequestSpecification given() {
        return given(base());
    }

    /** A request to the management interface at {@code management}, e.g. a packaged service's. */
    public static RequestSpecification given(URI management) {
        return RestAssured.given().baseUri(management.getScheme() + "://" + management.getHost())
                .port(management.getPort());
    }

    /** Scheme, host and port of the management interface (the path Quarkus adds to it is left out). */
    public static URI base() {
        URI url = URI.create(TestHTTPResourceManager.getManagementUri());
        return URI.create(url.getScheme() + "://" + url.getHost() + ":" + url.getPort() + "/");
    }
}

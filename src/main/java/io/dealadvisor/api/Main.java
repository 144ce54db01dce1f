package io.dealadvisor.api;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts the service with Quarkus' own URI check switched off, before Quarkus reads the switch: that check
 * answers a malformed URI with an empty 400 ahead of every route, and {@link MalformedUriGuard} makes the same
 * check answering a problem document instead.
 */
@QuarkusMain
public class Main {

    public static void main(String... args) {
        System.setProperty("vertx.disableURIValidation", "true");
        Quarkus.run(args);
    }
}

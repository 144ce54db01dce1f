package io.dealadvisor.events;

import io.dealadvisor.testing.KafkaBroker;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The service with events on, against the tests' Kafka broker: the profile of every test tagged {@code kafka}. */
public class EventsOn implements QuarkusTestProfile {

    static final String DECISIONS = "deal-advisor.decisions";
    static final String OUTCOMES = "deal-advisor.outcomes";
    static final String REVISITS = "deal-advisor.revisits";
    static final String DEALS = "deal-advisor.deals";
    static final String DLQ = "deal-advisor.deals.dlq";

    /** A store of its own, so that the days whose revisits went out are this run's alone. */
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("deal-advisor.decisions.path", "target/decisions/events-" + UUID.randomUUID());
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KafkaBroker.class));
    }
}

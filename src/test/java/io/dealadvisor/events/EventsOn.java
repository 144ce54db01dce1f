package io.dealadvisor.events;

import io.dealadvisor.testing.BrokenRules;
import io.dealadvisor.testing.KafkaBroker;
import io.dealadvisor.testing.ShippedRulesCopy;
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

    /** The client whose deals a rule of the served rules fails on (and no scenario names). */
    static final String FAILING_CLIENT = "Rule Fails Ltd";

    /** The shipped rules plus a rule that fails on {@link #FAILING_CLIENT}'s deals, and the broker. */
    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KafkaBroker.class), new TestResourceEntry(ShippedRulesCopy.class,
                Map.of("fails-for-one-client.drl", BrokenRules.conditionThrowsFor(FAILING_CLIENT))));
    }
}

package io.dealadvisor.events;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.Priorities;
import jakarta.annotation.Priority;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;

import java.util.Set;

/**
 * Turns the Kafka channels on only when {@code deal-advisor.events.kafka.bootstrap-servers} is set: it answers their
 * {@code mp.messaging.*.enabled} (unless that is set itself). Without the key no channel is made, so nothing
 * connects anywhere and no Kafka client starts. Registered in META-INF/services.
 */
@Priority(Priorities.APPLICATION)
public class EventsSwitch implements ConfigSourceInterceptor {

    static final String SERVERS = "deal-advisor.events.kafka.bootstrap-servers";
    /** The channels of application.properties: events out (EventPublisher) and deals in (DealIngress). */
    static final Set<String> SWITCHED = Set.of("mp.messaging.outgoing.decision-events.enabled",
            "mp.messaging.incoming.deals.enabled");

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (value != null || !SWITCHED.contains(name)) {
            return value;
        }
        ConfigValue servers = context.proceed(SERVERS);
        boolean on = servers != null && servers.getValue() != null && !servers.getValue().isBlank();
        return ConfigValue.builder().withName(name).withValue(Boolean.toString(on))
                .withConfigSourceName("deal-advisor events switch (" + SERVERS + ")").build();
    }
}

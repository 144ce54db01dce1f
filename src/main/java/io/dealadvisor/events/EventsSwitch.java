package io.dealadvisor.events;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;
import jakarta.annotation.Priority;

/**
 * Answers {@value #ON}: {@code true} when {@code deal-advisor.events.kafka.bootstrap-servers} is set, else
 * {@code false}. application.properties sets the Kafka channels' {@code enabled} to it, so without the key no channel
 * is made, nothing connects anywhere and no Kafka client starts. No configuration expression can tell whether a key
 * is set, so this is done here. Below the expression interceptor (3300), which must reach it to expand
 * {@code ${deal-advisor-events.on}}; registered in META-INF/services.
 */
@Priority(Priorities.LIBRARY + 200)
public class EventsSwitch implements ConfigSourceInterceptor {

    /** Outside the deal-advisor.* keys: not a setting anyone sets. */
    static final String ON = "deal-advisor-events.on";
    static final String SERVERS = "deal-advisor.events.kafka.bootstrap-servers";

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        if (!ON.equals(name)) {
            return context.proceed(name);
        }
        ConfigValue servers = context.proceed(SERVERS);
        boolean on = servers != null && servers.getValue() != null && !servers.getValue().isBlank();
        return ConfigValue.builder().withName(name).withValue(Boolean.toString(on))
                .withConfigSourceName(getClass().getSimpleName()).build();
    }
}

package io.dealadvisor.records;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;
import jakarta.annotation.Priority;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Turns {@code deal-advisor.decisions.store}, {@code .enabled} and {@code .path} into the datasource settings
 * Quarkus reads: exactly one of the datasources {@value #EMBEDDED} and {@value #POSTGRESQL} is active (none when
 * recording is off), and the embedded one's JDBC URL is the H2 file at {@code path}. No configuration expression
 * can compare values, so this is done here. A datasource setting given explicitly still wins.
 */
@Priority(Priorities.APPLICATION)
public class StoreSelection implements ConfigSourceInterceptor {

    public static final String EMBEDDED = "embedded";
    public static final String POSTGRESQL = "postgresql";

    private static final String EMBEDDED_ACTIVE = "quarkus.datasource.embedded.active";
    private static final String POSTGRESQL_ACTIVE = "quarkus.datasource.postgresql.active";
    private static final String EMBEDDED_URL = "quarkus.datasource.embedded.jdbc.url";
    private static final Map<String, String> ACTIVE = Map.of(EMBEDDED_ACTIVE, EMBEDDED, POSTGRESQL_ACTIVE, POSTGRESQL);

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue explicit = context.proceed(name);
        String plain = name.replace("\"", "");
        if (explicit != null || !(ACTIVE.containsKey(plain) || plain.equals(EMBEDDED_URL))) {
            return explicit;
        }
        String value = plain.equals(EMBEDDED_URL) ? embeddedUrl(context) : String.valueOf(active(context, ACTIVE.get(plain)));
        return ConfigValue.builder().withName(name).withValue(value)
                .withConfigSourceName(getClass().getSimpleName()).build();
    }

    @Override
    public Iterator<String> iterateNames(ConfigSourceInterceptorContext context) {
        Set<String> names = new LinkedHashSet<>();
        context.iterateNames().forEachRemaining(names::add);
        names.addAll(ACTIVE.keySet());
        names.add(EMBEDDED_URL);
        return names.iterator();
    }

    private static boolean active(ConfigSourceInterceptorContext context, String store) {
        return !"false".equalsIgnoreCase(value(context, "deal-advisor.decisions.enabled", "true"))
                && store.equals(value(context, "deal-advisor.decisions.store", EMBEDDED));
    }

    /**
     * H2 wants a file path made absolute (it refuses one implicitly relative to the working directory), and must
     * not close the database in its own shutdown hook: the records still buffered are written after that.
     */
    private static String embeddedUrl(ConfigSourceInterceptorContext context) {
        Path file = Path.of(value(context, "deal-advisor.decisions.path", "data/decisions")).toAbsolutePath().normalize();
        return "jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    private static String value(ConfigSourceInterceptorContext context, String name, String defaultValue) {
        ConfigValue value = context.restart(name);
        return value == null || value.getValue() == null || value.getValue().isBlank() ? defaultValue
                : value.getValue().trim();
    }
}

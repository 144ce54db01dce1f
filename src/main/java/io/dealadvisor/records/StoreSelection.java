package io.dealadvisor.records;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;
import jakarta.annotation.Priority;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns {@code deal-advisor.decisions.store}, {@code .embedded-engine}, {@code .enabled} and {@code .path} into the
 * datasource settings Quarkus reads: exactly one of the datasources {@value #EMBEDDED} (SQLite), {@value #H2} and
 * {@value #POSTGRESQL} is active (none when recording is off), and the embedded ones' JDBC URLs point at
 * {@code path}. No configuration expression can compare values, so this is done here. A datasource setting given
 * explicitly still wins.
 */
@Priority(Priorities.APPLICATION)
public class StoreSelection implements ConfigSourceInterceptor {

    /** The datasource of the embedded store: SQLite. */
    public static final String EMBEDDED = "embedded";
    /** The datasource of the embedded store with {@code embedded-engine=h2}. */
    public static final String H2 = "h2";
    public static final String POSTGRESQL = "postgresql";

    private static final List<String> DATASOURCES = List.of(EMBEDDED, H2, POSTGRESQL);
    private static final String PREFIX = "quarkus.datasource.";
    private static final String ACTIVE = ".active";
    private static final String URL = ".jdbc.url";

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue explicit = context.proceed(name);
        String plain = name.replace("\"", "");
        if (explicit != null || !plain.startsWith(PREFIX)) {
            return explicit;
        }
        String value = null;
        for (String dataSource : DATASOURCES) {
            if (plain.equals(PREFIX + dataSource + ACTIVE)) {
                value = String.valueOf(dataSource.equals(active(context)));
            } else if (plain.equals(PREFIX + dataSource + URL) && !dataSource.equals(POSTGRESQL)) {
                value = url(context, dataSource);
            }
        }
        return value == null ? null : ConfigValue.builder().withName(name).withValue(value)
                .withConfigSourceName(getClass().getSimpleName()).build();
    }

    @Override
    public Iterator<String> iterateNames(ConfigSourceInterceptorContext context) {
        Set<String> names = new LinkedHashSet<>();
        context.iterateNames().forEachRemaining(names::add);
        for (String dataSource : DATASOURCES) {
            names.add(PREFIX + dataSource + ACTIVE);
        }
        names.add(PREFIX + EMBEDDED + URL);
        names.add(PREFIX + H2 + URL);
        return names.iterator();
    }

    /** The datasource that records go to; null when recording is off. */
    private static String active(ConfigSourceInterceptorContext context) {
        if ("false".equalsIgnoreCase(value(context, "deal-advisor.decisions.enabled", "true"))) {
            return null;
        }
        if (!"embedded".equals(value(context, "deal-advisor.decisions.store", "embedded"))) {
            return POSTGRESQL;
        }
        return "h2".equals(value(context, "deal-advisor.decisions.embedded-engine", "sqlite")) ? H2 : EMBEDDED;
    }

    /**
     * SQLite's file is {@code path.db}. H2 wants a file path made absolute (it refuses one implicitly relative to
     * the working directory), and must not close the database in its own shutdown hook: the records still buffered
     * are written after that.
     */
    private static String url(ConfigSourceInterceptorContext context, String dataSource) {
        Path file = file(value(context, "deal-advisor.decisions.path", "data/decisions"));
        return dataSource.equals(H2) ? "jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE"
                : "jdbc:sqlite:" + file + ".db";
    }

    /** {@code deal-advisor.decisions.path} made absolute: the embedded store's file without its extension. */
    static Path file(String path) {
        return Path.of(path).toAbsolutePath().normalize();
    }

    private static String value(ConfigSourceInterceptorContext context, String name, String defaultValue) {
        ConfigValue value = context.restart(name);
        return value == null || value.getValue() == null || value.getValue().isBlank() ? defaultValue
                : value.getValue().trim();
    }
}

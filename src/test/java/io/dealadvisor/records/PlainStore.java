package io.dealadvisor.records;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

/**
 * What a service keeps on one store, without Quarkus: the writer, erasures and keys, on plain connections to
 * {@code url}, its schema made by Flyway from {@code migrations}.
 */
final class PlainStore {
    final DecisionsConfig config;
    final DecisionStore store;
    final WriterConnection writer;
    final Erasures erasures;
    final IdempotencyKeys keys;


    PlainStore(String url, DecisionsConfig.EmbeddedEngine engine, String... migrations) {
        Flyway.configure().dataSource(url, "", "").locations(migrations).load().migrate();
        config = config(engine);
        store = new DecisionStore(config, null, null) {
            @Override
            Connection connection() throws SQLException {
                return DriverManager.getConnection(url, "", "");
            }

            @Override
            void migrate() {
                // made by Flyway above
            }
        };
        ErasureScreen screen = new ErasureScreen(store);
        writer = new WriterConnection(store, screen, null);
        erasures = new Erasures(store, new DecisionRecorder(config, writer, new SimpleMeterRegistry()), screen,
                new RecordDetails(store));
        keys = new IdempotencyKeys(config, store);
    }

    private static DecisionsConfig config(DecisionsConfig.EmbeddedEngine engine) {
        return (DecisionsConfig) Proxy.newProxyInstance(DecisionsConfig.class.getClassLoader(),
                new Class<?>[]{DecisionsConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "enabled" -> true;
                    case "store" -> DecisionsConfig.Store.embedded;
                    case "embeddedEngine" -> engine;
                    case "idempotencyWindow" -> "PT24H";
                    case "queryTimeout" -> Duration.ofSeconds(30);
                    case "buffer" -> 1_000;
                    case "bufferHeapPercent" -> 25;
                    case "durability" -> DecisionsConfig.Durability.buffered;
                    case "syncTimeout" -> Duration.ofSeconds(5);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}

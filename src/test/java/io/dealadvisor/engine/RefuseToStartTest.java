package io.dealadvisor.engine;

import io.dealadvisor.DealAdvisorConfig;
import io.dealadvisor.intake.DealReader;
import io.dealadvisor.testing.RulesFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** At start, a rules folder a reload would reject stops the service with a message naming file and line. */
class RefuseToStartTest {

    @Test
    void aBrokenRuleStopsTheStartNamingFileAndLine(@TempDir Path temp) {
        RulesFolder folder = RulesFolder.copyOfShipped(temp.resolve("rules"));
        int line = folder.appendSyntaxError("own-your-mistakes.drl");
        RulesetRegistry registry = new RulesetRegistry(config(folder.root()), DealReader.standalone(),
                noEvents(), noEvents());

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> registry.onStart(null));

        assertTrue(refused.getMessage().contains("own-your-mistakes.drl:" + line), refused.getMessage());
        assertTrue(registry.loaded().isEmpty(), "nothing serves");
    }

    @SuppressWarnings("unchecked")
    private static <T> jakarta.enterprise.event.Event<T> noEvents() {
        return (jakarta.enterprise.event.Event<T>) Proxy.newProxyInstance(RefuseToStartTest.class.getClassLoader(),
                new Class<?>[] {jakarta.enterprise.event.Event.class}, (proxy, method, args) -> null);
    }

    /** Only the keys the registry reads; a proxy because the mapping is an interface Quarkus implements. */
    private static DealAdvisorConfig config(Path rulesDir) {
        Map<String, Object> rules = Map.of("dir", rulesDir.toString(), "maxFirings", 10_000, "watch", false,
                "debounce", Duration.ofMillis(500));
        Object rulesConfig = Proxy.newProxyInstance(RefuseToStartTest.class.getClassLoader(),
                new Class<?>[] {DealAdvisorConfig.Rules.class}, (proxy, method, args) -> rules.get(method.getName()));
        return (DealAdvisorConfig) Proxy.newProxyInstance(RefuseToStartTest.class.getClassLoader(),
                new Class<?>[] {DealAdvisorConfig.class},
                (proxy, method, args) -> method.getName().equals("rules") ? rulesConfig : null);
    }
}

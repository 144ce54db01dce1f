package io.dealadvisor.reload;

import io.dealadvisor.testing.RulesFolder;
import io.dealadvisor.testing.ShippedRulesCopy;
import io.quarkus.test.junit.QuarkusTestProfile;
import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Serves a fresh copy of the shipped rules from a temporary folder that tests may edit, watched with a short
 * quiet period so that reloads follow edits quickly. The tests sharing it leave the folder as shipped when they end.
 */
public class TempRulesProfile implements QuarkusTestProfile {

    private static final String RULES_DIR = "deal-advisor.rules.dir";

    /** The folder the running service serves, as this profile configured it. */
    static RulesFolder servedFolder() {
        return RulesFolder.at(Path.of(ConfigProvider.getConfig().getValue(RULES_DIR, String.class)));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("deal-advisor.rules.debounce", "200ms");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(ShippedRulesCopy.class));
    }
}

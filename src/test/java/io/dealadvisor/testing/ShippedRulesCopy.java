package io.dealadvisor.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Serves a fresh copy of the shipped rules from a temporary folder, made before each start of the profile that lists
 * it: {@code deal-advisor.rules.dir}. Each argument of the resource is a file written into the copy (name, content),
 * for a profile whose tests need a rule the shipped folder lacks, or a broken one.
 */
public class ShippedRulesCopy implements QuarkusTestResourceLifecycleManager {

    private Map<String, String> addedFiles = Map.of();

    @Override
    public void init(Map<String, String> initArgs) {
        addedFiles = Map.copyOf(initArgs);
    }

    @Override
    public Map<String, String> start() {
        RulesFolder copy = RulesFolder.copyOfShippedInTempFolder();
        addedFiles.forEach(copy::write);
        return Map.of(folderKey(), copy.root().toString());
    }

    /** The configuration key that names the folder. */
    protected String folderKey() {
        return "deal-advisor.rules.dir";
    }

    /** The copy is a temporary folder, removed when the JVM exits. */
    @Override
    public void stop() {
    }
}

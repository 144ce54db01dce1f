package io.dealadvisor.engine;

import io.dealadvisor.domain.Verdict;

import java.util.List;

/** How one scenario went: what was expected, what came out, and each mismatch in words. */
public record ScenarioResult(Scenario scenario, String expected, String actual, List<String> failures,
                             Verdict verdict) {

    public boolean passed() {
        return failures.isEmpty();
    }
}

package io.dealadvisor.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealadvisor.engine.RuleProblem;
import io.dealadvisor.engine.Scenario;
import io.dealadvisor.engine.ScenarioResult;
import io.dealadvisor.engine.Scenarios;
import io.dealadvisor.engine.Truth;
import io.dealadvisor.engine.RulesetValidator;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The analysts' scenarios in rules/scenarios, each as its own test case, so CI names the one that broke. */
class ShippedScenariosTest {

    private static List<Scenario> shippedScenarios() {
        List<RuleProblem> problems = new ArrayList<>();
        List<Scenario> scenarios = Scenarios.load(RulesHarness.RULES, problems);
        assertEquals(List.of(), problems, "the scenario files must all be well formed");
        assertFalse(scenarios.isEmpty(), "rules/scenarios holds no scenario");
        return scenarios;
    }

    @Test
    void everyTruthIsCitedByAtLeastOneScenario() {
        Set<String> cited = shippedScenarios().stream()
                .flatMap(scenario -> texts(scenario.expect().path("truths")))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> uncited = RulesHarness.shipped().ruleset().truths().stream().map(Truth::code)
                .filter(code -> !cited.contains(code))
                .collect(Collectors.toCollection(TreeSet::new));

        assertTrue(uncited.isEmpty(), () -> "no scenario expects these truths among its reasons: " + uncited);
    }

    static Stream<Named<Scenario>> eachScenario() {
        return shippedScenarios().stream().map(scenario -> Named.of(scenario.file(), scenario));
    }

    /** The validation that start, reload and rules-check run, with each scenario's result reported on its own. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("eachScenario")
    void scenarioPasses(Scenario scenario) {
        ScenarioResult result = VALIDATION.get().results().stream()
                .filter(candidate -> candidate.scenario().file().equals(scenario.file())).findFirst()
                .orElseThrow(() -> new AssertionError(scenario.file() + " was not run by the validation"));

        assertTrue(result.passed(), () -> scenario.file() + " '" + scenario.name() + "': expected " + result.expected()
                + ", got " + result.actual() + "\n  " + String.join("\n  ", result.failures()));
    }

    private static final Supplier<RulesetValidator.Validation> VALIDATION = memoize(() ->
            RulesHarness.loader().validator().validate(RulesHarness.shipped()));

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        AtomicReference<T> value = new AtomicReference<>();
        return () -> value.updateAndGet(current -> current != null ? current : supplier.get());
    }

    private static Stream<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts.stream();
    }
}

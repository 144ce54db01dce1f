package io.dealadvisor.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dealadvisor.domain.DealFacts;
import io.dealadvisor.domain.Thresholds;
import io.dealadvisor.engine.Advisor;
import io.dealadvisor.intake.DealRequest;
import io.dealadvisor.engine.RulesetLoader;
import io.dealadvisor.intake.DealReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's inputs: the shipped rules compiled as the service does, and the same generated deals read as
 * the service reads them, then checked to be decided alike by every implementation before anything is timed.
 */
public final class BenchDeals {

    public static final int COUNT = 10_000;
    public static final int MAX_FIRINGS = 10_000;
    /** Every generated deal has an asOf; this only satisfies the signature. */
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    public final Path rules;
    public final Advisor advisor;
    public final Thresholds thresholds;
    public final List<ObjectNode> json;
    /** The deals as read and checked: what deal-advisor decides. */
    public final List<DealRequest> requests;
    /** The same deals as facts: what the peers decide. */
    public final List<DealFacts> facts;

    public BenchDeals(Path rules) {
        this.rules = rules;
        try {
            this.advisor = new RulesetLoader().compile(rules);
            this.thresholds = new ObjectMapper(new YAMLFactory()).readValue(rules.resolve("thresholds.yaml").toFile(),
                    Thresholds.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("the rules folder " + rules + " does not compile: " + e.getMessage(), e);
        }
        this.json = DealGenerator.deals(COUNT);
        DealReader reader = DealReader.standalone();
        this.requests = new ArrayList<>(COUNT);
        this.facts = new ArrayList<>(COUNT);
        for (ObjectNode deal : json) {
            DealReader.Reading reading = reader.read(deal);
            if (!reading.ok()) {
                throw new IllegalStateException("generated deal " + deal.get("id") + " is invalid: " + reading.errors());
            }
            requests.add(reading.deal());
            facts.add(DealReader.toFacts(reading.deal(), TODAY));
        }
    }

    /** The rules folder named by -Drules (default: rules, relative to the working directory). */
    public static BenchDeals fromSystemProperty() {
        return new BenchDeals(Path.of(System.getProperty("rules", "rules")));
    }

    /**
     * deal-advisor's answers, after checking that the plain-Java floor and Easy Rules (Java rules and MVEL rules)
     * give the same on every deal.
     */
    public List<Answer> checkedAnswers() {
        PlainJavaAdvisor plain = new PlainJavaAdvisor(thresholds);
        EasyRulesAdvisor easy = new EasyRulesAdvisor(thresholds);
        EasyRulesMvelAdvisor mvel = new EasyRulesMvelAdvisor(thresholds);
        List<Answer> answers = new ArrayList<>(COUNT);
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < facts.size(); i++) {
            Answer drools = Answer.of(advisor.decide(requests.get(i)).verdict());
            Answer hand = plain.decide(facts.get(i));
            Answer easyRules = easy.decide(facts.get(i));
            Answer easyRulesMvel = mvel.decide(facts.get(i));
            if (!drools.equals(hand) || !drools.equals(easyRules) || !drools.equals(easyRulesMvel)) {
                differences.add(json.get(i).get("id").asText() + ": deal-advisor " + drools + ", plain Java " + hand
                        + ", Easy Rules " + easyRules + ", Easy Rules MVEL " + easyRulesMvel);
            }
            answers.add(drools);
        }
        if (!differences.isEmpty()) {
            throw new IllegalStateException(differences.size() + " of " + COUNT + " deals are decided differently,"
                    + " so timing them would compare different work; first ones:\n  "
                    + String.join("\n  ", differences.subList(0, Math.min(10, differences.size()))));
        }
        return answers;
    }
}

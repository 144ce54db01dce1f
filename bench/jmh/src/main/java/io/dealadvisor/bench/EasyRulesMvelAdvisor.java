package io.dealadvisor.bench;

import io.dealadvisor.domain.Advice;
import io.dealadvisor.domain.DealFacts;
import io.dealadvisor.domain.Thresholds;
import org.jeasy.rules.api.Facts;
import org.jeasy.rules.api.Rules;
import org.jeasy.rules.api.RulesEngine;
import org.jeasy.rules.core.DefaultRulesEngine;
import org.jeasy.rules.mvel.MVELRuleFactory;
import org.jeasy.rules.support.reader.YamlRuleDefinitionReader;
import org.mvel2.ParserContext;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The shipped rules as Easy Rules MVEL rules read from YAML text when constructed (resources easy-rules-mvel/):
 * the peer for rules kept as text that analysts edit. Same rules and same two steps as {@link EasyRulesAdvisor}:
 * votes are collected, the strongest wins, then the rules that follow from the final advice add referTo and
 * revisitOn.
 */
public final class EasyRulesMvelAdvisor {

    private final RulesEngine engine = new DefaultRulesEngine();
    private final Thresholds thresholds;
    private final Rules votingRules;
    private final Rules decidedRules;

    public EasyRulesMvelAdvisor(Thresholds thresholds) {
        this.thresholds = thresholds;
        // The rules name the domain's types (Advice.REFER, MilestoneStatus.PENDING) without their package.
        ParserContext imports = new ParserContext();
        imports.addPackageImport("io.dealadvisor.domain");
        MVELRuleFactory factory = new MVELRuleFactory(new YamlRuleDefinitionReader(), imports);
        this.votingRules = read(factory, "votes.yaml");
        this.decidedRules = read(factory, "decided.yaml");
    }

    private static Rules read(MVELRuleFactory factory, String name) {
        String resource = "/easy-rules-mvel/" + name;
        InputStream text = EasyRulesMvelAdvisor.class.getResourceAsStream(resource);
        if (text == null) {
            throw new IllegalStateException(resource + " is missing from the class path");
        }
        try (Reader reader = new InputStreamReader(text, StandardCharsets.UTF_8)) {
            return factory.createRules(reader);
        } catch (Exception e) {
            throw new IllegalStateException("the Easy Rules MVEL rules " + resource + " do not load: " + e.getMessage(), e);
        }
    }

    public Answer decide(DealFacts deal) {
        Facts facts = new Facts();
        // Not an EnumSet: MVEL calls add() through the set's class, and RegularEnumSet is not public, which Java 17
        // refuses; Easy Rules would log the failure and go on without the vote.
        Set<Advice> votes = new HashSet<>(8);
        facts.put("deal", deal);
        facts.put("thresholds", thresholds);
        facts.put("votes", votes);
        engine.fire(votingRules, facts);
        // Advice's declaration order is not the policy: the precedence is NO_SALE > REFER > WAIT > PROCEED.
        Advice advice = votes.contains(Advice.NO_SALE) ? Advice.NO_SALE
                : votes.contains(Advice.REFER) ? Advice.REFER
                : votes.contains(Advice.WAIT) || votes.isEmpty() ? Advice.WAIT
                : Advice.PROCEED;
        // A map, as MVEL actions cannot replace a fact: Easy Rules hands them a copy of the facts.
        Map<String, Object> decision = new HashMap<>(4);
        decision.put("advice", advice);
        decision.put("referTo", null);
        decision.put("revisitOn", null);
        facts.put("decision", decision);
        engine.fire(decidedRules, facts);
        return new Answer(advice, (String) decision.get("referTo"), (LocalDate) decision.get("revisitOn"));
    }
}

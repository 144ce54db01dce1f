package io.dealadvisor.bench;

import io.dealadvisor.domain.Advice;
import io.dealadvisor.domain.Category;
import io.dealadvisor.domain.Client;
import io.dealadvisor.domain.Competitor;
import io.dealadvisor.domain.DealFacts;
import io.dealadvisor.domain.Discovery;
import io.dealadvisor.domain.Incumbent;
import io.dealadvisor.domain.InfrastructureFit;
import io.dealadvisor.domain.Novelty;
import io.dealadvisor.domain.Positioning;
import io.dealadvisor.domain.Pricing;
import io.dealadvisor.domain.Resistance;
import io.dealadvisor.domain.Thresholds;
import org.jeasy.rules.api.Facts;
import org.jeasy.rules.api.Rule;
import org.jeasy.rules.api.Rules;
import org.jeasy.rules.api.RulesEngine;
import org.jeasy.rules.core.DefaultRulesEngine;
import org.jeasy.rules.core.RuleBuilder;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The shipped rules as Easy Rules Java rules, one per Drools rule that votes, plus the two that follow from the
 * final advice (referTo, revisitOn). Votes are collected, the strongest wins, as in the service.
 */
public final class EasyRulesAdvisor {

    private static final String DEAL = "deal";
    private static final String VOTES = "votes";
    private static final String ANSWER = "answer";

    private final RulesEngine engine = new DefaultRulesEngine();
    private final Rules votingRules = new Rules();
    private final Rules decidedRules = new Rules();

    public EasyRulesAdvisor(Thresholds thresholds) {
        DealPredicates is = new DealPredicates(thresholds);
        vote("nothing needed", Advice.NO_SALE,
                deal -> deal.discovery() != null && Boolean.TRUE.equals(deal.discovery().nothingNeeded()));
        vote("asked, needs nothing", Advice.NO_SALE, deal -> Boolean.FALSE.equals(deal.client().needConfirmed()));
        vote("like-for-like replacement", Advice.NO_SALE, deal -> {
            Incumbent incumbent = deal.incumbent();
            return incumbent != null && Boolean.TRUE.equals(incumbent.sameCategory())
                    && !Boolean.FALSE.equals(incumbent.clientSatisfied())
                    && deal.offering().novelty() == Novelty.REPLACEMENT;
        });
        vote("covers too little", Advice.REFER, deal -> is.coversTooLittle(deal.discovery()));
        vote("incompatible", Advice.REFER, deal -> DealPredicates.fit(deal) == InfrastructureFit.INCOMPATIBLE);
        vote("major changes, a competitor fits", Advice.REFER, deal ->
                DealPredicates.fit(deal) == InfrastructureFit.MAJOR_CHANGES && DealPredicates.firstFitting(deal) != null);
        vote("major changes, no competitor fits", Advice.WAIT, deal ->
                DealPredicates.fit(deal) == InfrastructureFit.MAJOR_CHANGES && DealPredicates.firstFitting(deal) == null);
        vote("no discovery", Advice.WAIT, deal -> deal.discovery() == null);
        vote("not diagnosed", Advice.WAIT, deal -> deal.discovery() != null
                && (!Boolean.TRUE.equals(deal.discovery().problemDiagnosed()) || deal.discovery().desiredOutcome() == null));
        vote("too many approvals", Advice.WAIT, is::tooManyApprovals);
        vote("high resistance", Advice.WAIT, deal ->
                deal.infrastructure() != null && deal.infrastructure().politicalResistance() == Resistance.HIGH);
        vote("pending milestone", Advice.WAIT, DealPredicates::anyPending);
        vote("incident awaits amends", Advice.WAIT, is::anyAwaitsAmends);
        vote("stated no need, not asked", Advice.WAIT, deal -> {
            Client client = deal.client();
            return Boolean.TRUE.equals(client.statedNoNeed()) && client.needConfirmed() == null;
        });
        vote("need priced above competition", Advice.WAIT, deal -> {
            Pricing pricing = deal.pricing();
            return deal.discovery() != null && deal.discovery().positioning() == Positioning.NEED && pricing != null
                    && pricing.ourPrice() != null && pricing.lowestCompetitorPrice() != null
                    && pricing.ourPrice().compareTo(pricing.lowestCompetitorPrice()) > 0;
        });
        vote("ready", Advice.PROCEED, deal -> {
            Discovery discovery = deal.discovery();
            return discovery != null && Boolean.TRUE.equals(discovery.problemDiagnosed())
                    && discovery.desiredOutcome() != null && is.covers(discovery) && DealPredicates.fitsAsIs(deal)
                    && !DealPredicates.anyPending(deal) && !is.anyAwaitsAmends(deal);
        });
        vote("wanted, covered, fits", Advice.PROCEED, deal -> deal.discovery() != null
                && deal.discovery().positioning() == Positioning.WANT && is.covers(deal.discovery())
                && DealPredicates.fitsAsIs(deal));
        // Adds only a warning in the service: evaluated here too, so Easy Rules does the same matching work.
        vote("commodity sold as a need", null, deal -> deal.offering().category() == Category.COMMODITY
                && deal.discovery() != null && deal.discovery().positioning() == Positioning.NEED);

        decidedRules.register(new RuleBuilder().name("refer to the first competitor that fits")
                .when(facts -> facts.<Answer>get(ANSWER).advice() == Advice.REFER)
                .then(facts -> {
                    Competitor first = DealPredicates.firstFitting(facts.get(DEAL));
                    Answer answer = facts.get(ANSWER);
                    facts.put(ANSWER, new Answer(answer.advice(), first == null ? null : first.name(), null));
                })
                .build());
        decidedRules.register(new RuleBuilder().name("revisit at the next milestone")
                .when(facts -> facts.<Answer>get(ANSWER).advice() == Advice.WAIT)
                .then(facts -> {
                    LocalDate due = DealPredicates.nextPendingDue(facts.get(DEAL));
                    facts.put(ANSWER, new Answer(Advice.WAIT, null, due));
                })
                .build());
    }

    private void vote(String name, Advice advice, Predicate<DealFacts> condition) {
        Rule rule = new RuleBuilder().name(name)
                .when(facts -> condition.test(facts.get(DEAL)))
                .then(facts -> {
                    if (advice != null) {
                        facts.<Set<Advice>>get(VOTES).add(advice);
                    }
                })
                .build();
        votingRules.register(rule);
    }

    public Answer decide(DealFacts deal) {
        Facts facts = new Facts();
        Set<Advice> votes = EnumSet.noneOf(Advice.class);
        facts.put(DEAL, deal);
        facts.put(VOTES, votes);
        engine.fire(votingRules, facts);
        // Advice's declaration order is not the policy: the precedence is NO_SALE > REFER > WAIT > PROCEED.
        Advice advice = votes.contains(Advice.NO_SALE) ? Advice.NO_SALE
                : votes.contains(Advice.REFER) ? Advice.REFER
                : votes.contains(Advice.WAIT) || votes.isEmpty() ? Advice.WAIT
                : Advice.PROCEED;
        facts.put(ANSWER, new Answer(advice, null, null));
        engine.fire(decidedRules, facts);
        return facts.get(ANSWER);
    }
}

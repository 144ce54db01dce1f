package io.dealadvisor.bench;

import io.dealadvisor.domain.Advice;
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

/**
 * The shipped rules' decision hand-written in Java: the floor. Advices are tried strongest first, so it stops at
 * the first that any rule would vote for. It gives only the advice, referTo and revisitOn (no reasons or texts).
 */
public final class PlainJavaAdvisor {

    private final DealPredicates is;

    public PlainJavaAdvisor(Thresholds thresholds) {
        this.is = new DealPredicates(thresholds);
    }

    public Answer decide(DealFacts deal) {
        Advice advice = noSale(deal) ? Advice.NO_SALE
                : refer(deal) ? Advice.REFER
                : waitFor(deal) ? Advice.WAIT
                : proceed(deal) ? Advice.PROCEED
                : Advice.WAIT;
        String referTo = null;
        if (advice == Advice.REFER) {
            Competitor first = DealPredicates.firstFitting(deal);
            referTo = first == null ? null : first.name();
        }
        return new Answer(advice, referTo, advice == Advice.WAIT ? DealPredicates.nextPendingDue(deal) : null);
    }

    private boolean noSale(DealFacts deal) {
        Incumbent incumbent = deal.incumbent();
        return deal.discovery() != null && Boolean.TRUE.equals(deal.discovery().nothingNeeded())
                || Boolean.FALSE.equals(deal.client().needConfirmed())
                || incumbent != null && Boolean.TRUE.equals(incumbent.sameCategory())
                && !Boolean.FALSE.equals(incumbent.clientSatisfied())
                && deal.offering().novelty() == Novelty.REPLACEMENT;
    }

    private boolean refer(DealFacts deal) {
        InfrastructureFit fit = DealPredicates.fit(deal);
        return is.coversTooLittle(deal.discovery()) || fit == InfrastructureFit.INCOMPATIBLE
                || fit == InfrastructureFit.MAJOR_CHANGES && DealPredicates.firstFitting(deal) != null;
    }

    private boolean waitFor(DealFacts deal) {
        Discovery discovery = deal.discovery();
        Client client = deal.client();
        Pricing pricing = deal.pricing();
        return discovery == null || !Boolean.TRUE.equals(discovery.problemDiagnosed()) || discovery.desiredOutcome() == null
                || DealPredicates.fit(deal) == InfrastructureFit.MAJOR_CHANGES && DealPredicates.firstFitting(deal) == null
                || is.tooManyApprovals(deal)
                || deal.infrastructure() != null && deal.infrastructure().politicalResistance() == Resistance.HIGH
                || DealPredicates.anyPending(deal)
                || is.anyAwaitsAmends(deal)
                || Boolean.TRUE.equals(client.statedNoNeed()) && client.needConfirmed() == null
                || discovery.positioning() == Positioning.NEED && pricing != null && pricing.ourPrice() != null
                && pricing.lowestCompetitorPrice() != null && pricing.ourPrice().compareTo(pricing.lowestCompetitorPrice()) > 0;
    }

    /** Reached only when nothing votes to wait, so the problem is diagnosed, the outcome agreed, nothing pending. */
    private boolean proceed(DealFacts deal) {
        return is.covers(deal.discovery()) && DealPredicates.fitsAsIs(deal);
    }
}

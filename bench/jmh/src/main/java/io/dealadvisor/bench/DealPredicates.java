package io.dealadvisor.bench;

import io.dealadvisor.domain.Competitor;
import io.dealadvisor.domain.DealFacts;
import io.dealadvisor.domain.Discovery;
import io.dealadvisor.domain.Incident;
import io.dealadvisor.domain.InfrastructureFit;
import io.dealadvisor.domain.Milestone;
import io.dealadvisor.domain.MilestoneStatus;
import io.dealadvisor.domain.Thresholds;

import java.time.LocalDate;

/**
 * The conditions of the shipped rules (docs/truths.md) written in plain Java, shared by the hand-written
 * floor and the Easy Rules version so that both decide exactly alike.
 */
final class DealPredicates {

    private final Thresholds thresholds;

    DealPredicates(Thresholds thresholds) {
        this.thresholds = thresholds;
    }

    static InfrastructureFit fit(DealFacts deal) {
        return deal.infrastructure() == null ? null : deal.infrastructure().fit();
    }

    static boolean fitsAsIs(DealFacts deal) {
        InfrastructureFit fit = fit(deal);
        return fit == InfrastructureFit.SEAMLESS || fit == InfrastructureFit.MINOR_CHANGES;
    }

    static boolean fits(Competitor competitor) {
        return Boolean.TRUE.equals(competitor.fitsRequirements()) && Boolean.TRUE.equals(competitor.fitsInfrastructure());
    }

    /** The first competitor in the list that fits, or null. */
    static Competitor firstFitting(DealFacts deal) {
        for (Competitor competitor : deal.competitors()) {
            if (fits(competitor)) {
                return competitor;
            }
        }
        return null;
    }

    static boolean pending(Milestone milestone) {
        return milestone.status() == MilestoneStatus.PENDING;
    }

    static boolean anyPending(DealFacts deal) {
        for (Milestone milestone : deal.milestones()) {
            if (pending(milestone)) {
                return true;
            }
        }
        return false;
    }

    /** The earliest due date of a pending milestone on or after the deal's date, or null. */
    static LocalDate nextPendingDue(DealFacts deal) {
        LocalDate asOf = deal.deal().asOf();
        LocalDate next = null;
        for (Milestone milestone : deal.milestones()) {
            LocalDate due = milestone.due();
            if (pending(milestone) && due != null && !due.isBefore(asOf) && (next == null || due.isBefore(next))) {
                next = due;
            }
        }
        return next;
    }

    /** An open incident still waiting for an apology or amends worth the multiple of the loss. */
    boolean awaitsAmends(Incident incident) {
        return !Boolean.TRUE.equals(incident.resolved()) && (!Boolean.TRUE.equals(incident.apologized())
                || incident.amendsOffered().compareTo(incident.clientLoss().multiply(thresholds.amendsMultipleOfLoss())) < 0);
    }

    boolean anyAwaitsAmends(DealFacts deal) {
        for (Incident incident : deal.incidents()) {
            if (awaitsAmends(incident)) {
                return true;
            }
        }
        return false;
    }

    /** Coverage below the minimum; an absent coverage is not. */
    boolean coversTooLittle(Discovery discovery) {
        return discovery != null && discovery.requirementsCovered() != null
                && discovery.requirementsCovered().compareTo(thresholds.minimumRequirementsCovered()) < 0;
    }

    /** Coverage at the minimum or above; an absent coverage counts as covered. */
    boolean covers(Discovery discovery) {
        return discovery.requirementsCovered() == null
                || discovery.requirementsCovered().compareTo(thresholds.minimumRequirementsCovered()) >= 0;
    }

    boolean tooManyApprovals(DealFacts deal) {
        Integer approvals = deal.infrastructure() == null ? null : deal.infrastructure().approvalsRequired();
        return approvals != null && approvals > thresholds.maximumApprovals();
    }
}

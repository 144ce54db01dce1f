package io.dealadvisor.cli;

import io.dealadvisor.records.Evidence;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** The impact report as {@code rules-impact} prints it: the changed deals, their reasons, then the moves. */
final class ImpactText {

    private ImpactText() {
    }

    static void print(ImpactReport report, PrintStream out) {
        out.printf("Rule change impact: %s (%s) -> %s (%s), %d deals%n", report.base(), report.baseVersion(),
                report.changed(), report.changedVersion(), report.deals());
        if (report.changes().isEmpty()) {
            out.println("No deal changes its advice, referTo or revisitOn.");
        } else {
            TextTable table = new TextTable("deal", "before", "after");
            for (ImpactReport.Change change : report.changes()) {
                table.row(change.deal() + " (" + change.label() + ")", change.before().summary(),
                        change.after().summary());
            }
            out.print(table);
            for (ImpactReport.Change change : report.changes()) {
                out.println();
                out.println(change.deal() + " (" + change.label() + ")");
                out.println("  before: " + change.before().summary());
                change.before().reasons().forEach(reason -> out.println("    " + reason));
                out.println("  after:  " + change.after().summary());
                change.after().reasons().forEach(reason -> out.println("    " + reason));
            }
            out.println();
            printMoves(report.moves(), out);
        }
        report.errors().forEach(error -> out.println("error: " + error));
        out.println(report.changedDeals() + " of " + report.deals() + " deals change"
                + (report.errors().isEmpty() ? "" : "; " + report.errors().size() + " error(s)"));
    }

    /** How many deals moved, and, for recorded decisions, what became of them under the advice answered. */
    private static void printMoves(List<ImpactReport.Move> moves, PrintStream out) {
        boolean withOutcomes = moves.stream().anyMatch(move -> move.outcomes() != null);
        if (!withOutcomes) {
            TextTable table = new TextTable("from", "to", "deals");
            moves.forEach(move -> table.row(move.from(), move.to(), move.deals()));
            out.print(table);
            return;
        }
        TextTable table = new TextTable("from", "to", "deals", "followed: kept [95 % interval]",
                "not followed: kept [95 % interval]");
        moves.forEach(move -> table.row(move.from(), move.to(), move.deals(), kept(move.outcomes().followed()),
                kept(move.outcomes().notFollowed())));
        out.print(table);
        out.println("Kept: of the deals with a reported outcome, how many clients stayed under the advice that was"
                + " answered, by whether the seller followed it.");
    }

    /**
     * A group of outcomes in words, counting only the clients whose status is known, as the rate does: "kept 1 of
     * 3 clients [0.061, 0.792]", and "(2 unknown)" after it when some are not.
     */
    static String kept(Evidence.Group group) {
        if (group.outcomes() == 0) {
            return "no outcome";
        }
        List<Double> interval = group.retentionInterval();
        if (interval == null) {
            return group.outcomes() + " outcome(s), no client status known";
        }
        long unknown = group.outcomes() - group.known();
        return "kept " + group.retained() + " of " + group.known() + " clients"
                + String.format(Locale.ROOT, " [%.3f, %.3f]", interval.get(0), interval.get(1))
                + (unknown > 0 ? " (" + unknown + " unknown)" : "");
    }
}

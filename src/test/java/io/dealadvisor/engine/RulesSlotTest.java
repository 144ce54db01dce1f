package io.dealadvisor.engine;

import io.dealadvisor.rules.RulesHarness;
import io.dealadvisor.testing.RulesFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** What serves and why the last reload was refused are read as one snapshot, and swaps release the old advisor. */
class RulesSlotTest {

    @TempDir
    Path temp;

    @Test
    void aRefusedReloadKeepsTheAdvisorAndAddsItsFailureToTheSameSnapshot() throws Exception {
        RulesFolder rules = RulesFolder.copyOfShipped(temp.resolve("rules"));
        RulesSlot slot = new RulesSlot(rules.root(), RulesHarness.loader());
        Advisor first = slot.reload();
        assertSame(first, slot.snapshot().advisor());
        assertNull(slot.snapshot().lastFailure());

        rules.appendSyntaxError("best-sale-no-sale.drl");
        assertThrows(RulesetRejectedException.class, slot::reload);
        RulesSlot.Snapshot refused = slot.snapshot();
        assertSame(first, refused.advisor(), "the last good advisor keeps serving");
        assertNotNull(refused.lastFailure());
        assertTrue(refused.lastFailure().problems().stream().anyMatch(p -> p.file().equals("best-sale-no-sale.drl")));
        assertFalse(first.isClosed());

        rules.restoreShipped();
        Advisor second = slot.reload();
        RulesSlot.Snapshot fixed = slot.snapshot();
        assertSame(second, fixed.advisor());
        assertNull(fixed.lastFailure(), "a good reload clears the failure in the same swap");
        assertTrue(first.isClosed(), "the swapped-out advisor, unused, has released its sessions");
        second.release();
    }

    /**
     * A load that fails on something other than the rules, here a rules file too large to read (a sparse 3 GB file,
     * which reading whole fails at once with an OutOfMemoryError), is refused and remembered like any other.
     */
    @Test
    void aReloadThatFailsOnAnErrorIsRememberedAndALaterOneStillLoads() throws Exception {
        RulesFolder rules = RulesFolder.copyOfShipped(temp.resolve("rules"));
        RulesSlot slot = new RulesSlot(rules.root(), RulesHarness.loader());
        Advisor first = slot.reload();
        try (RandomAccessFile huge = new RandomAccessFile(rules.path("huge.drl").toFile(), "rw")) {
            huge.setLength(3L << 30);
        }

        assertThrows(RulesetRejectedException.class, slot::reload);
        RulesSlot.Snapshot refused = slot.snapshot();
        assertSame(first, refused.advisor(), "the last good advisor keeps serving");
        assertNotNull(refused.lastFailure());
        assertTrue(refused.lastFailure().problems().stream().anyMatch(p -> p.message().contains("OutOfMemoryError")),
                refused.lastFailure()::toString);

        rules.delete("huge.drl");
        Advisor second = slot.reload();
        assertSame(second, slot.snapshot().advisor());
        assertNull(slot.snapshot().lastFailure());
        second.release();
    }

    @Test
    void aRequestHoldingTheOldAdvisorFinishesWithItAfterASwap() throws Exception {
        RulesFolder rules = RulesFolder.copyOfShipped(temp.resolve("rules"));
        RulesSlot slot = new RulesSlot(rules.root(), RulesHarness.loader());
        slot.reload();
        Advisor held = slot.acquire();

        Advisor fresh = slot.reload();

        assertFalse(held.isClosed(), "still in use by a request");
        assertNotNull(held.decide(io.dealadvisor.rules.Deals.ready().json()).verdict());
        held.release();
        assertTrue(held.isClosed());
        assertSame(fresh, slot.acquire());
        fresh.release();
        fresh.release();
    }
}

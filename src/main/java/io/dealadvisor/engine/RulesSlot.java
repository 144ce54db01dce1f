package io.dealadvisor.engine;

import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A rules folder kept loaded: the advisor serving it and the last refused reload, swapped together as one
 * snapshot. A user acquires the advisor once and uses it to the end, so a swap never mixes two rulesets in one
 * answer; the swapped-out advisor releases its sessions when its last user is done. The live rules and the
 * shadow candidate are each one slot.
 */
public final class RulesSlot {

    private static final Logger LOG = Logger.getLogger(RulesSlot.class);

    /** A reload that was refused, and why. */
    public record FailedReload(Instant at, List<RuleProblem> problems) {
    }

    /** What is serving (null until a load succeeds), and the last reload refused since (null when none). */
    public record Snapshot(Advisor advisor, FailedReload lastFailure) {
    }

    private final Path directory;
    private final RulesetLoader loader;
    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>(new Snapshot(null, null));

    public RulesSlot(Path directory, RulesetLoader loader) {
        this.directory = directory;
        this.loader = loader;
    }

    public Path directory() {
        return directory;
    }

    public Snapshot snapshot() {
        return snapshot.get();
    }

    /** The advisor serving now, held until {@link Advisor#release()}; null when none has loaded yet. */
    public Advisor acquire() {
        while (true) {
            Advisor advisor = snapshot.get().advisor();
            if (advisor == null || advisor.tryAcquire()) {
                return advisor;
            }
            // swapped out and closed between the read and the acquire: the next read sees its successor
        }
    }

    /**
     * Compiles and validates the folder; swaps it in only if it passes. A refused reload leaves the last good
     * advisor serving and is remembered in the snapshot. So is a reload that failed on something other than the
     * rules (the compiler crashing, the heap running out on a huge rules file): refused like any other, so that
     * GET /v1/ruleset, the log and the watcher see it, and a later edit is still loaded.
     */
    public synchronized Advisor reload() throws RulesetRejectedException {
        Snapshot previous = snapshot.get();
        try {
            Advisor fresh = loader.load(directory);
            snapshot.set(new Snapshot(fresh, null));
            if (previous.advisor() != null) {
                previous.advisor().release();
            }
            return fresh;
        } catch (RulesetRejectedException e) {
            throw refused(previous, e);
        } catch (RuntimeException | Error e) {
            LOG.errorf(e, "Loading the rules in %s failed unexpectedly", directory.toAbsolutePath());
            throw refused(previous, new RulesetRejectedException(List.of(new RuleProblem(".", null,
                    "the rules could not be loaded: " + e))));
        }
    }

    private RulesetRejectedException refused(Snapshot previous, RulesetRejectedException e) {
        snapshot.set(new Snapshot(previous.advisor(),
                new FailedReload(Instant.now().truncatedTo(ChronoUnit.SECONDS), e.problems())));
        return e;
    }
}

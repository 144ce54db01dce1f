package io.dealadvisor.engine;

import io.dealadvisor.DealAdvisorConfig;
import io.dealadvisor.intake.DealReader;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The advisor the service answers with, and the last refused reload, swapped together as one snapshot. A
 * request acquires the advisor once and uses it to the end, so a swap never mixes two rulesets in one answer;
 * the swapped-out advisor releases its sessions when its last request is done.
 */
@ApplicationScoped
public class RulesetRegistry {

    private static final Logger LOG = Logger.getLogger(RulesetRegistry.class);

    /** A reload that was refused, and why. */
    public record FailedReload(Instant at, List<RuleProblem> problems) {
    }

    /** What is serving, and the last reload refused since it was loaded (null when none). */
    public record Snapshot(Advisor advisor, FailedReload lastFailure) {
    }

    private final Path directory;
    private final RulesetLoader loader;
    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>();
    private final Event<Ruleset> loadedEvents;
    private final Event<FailedReload> refusedEvents;

    public RulesetRegistry(DealAdvisorConfig config, DealReader reader, Event<Ruleset> loadedEvents,
                           Event<FailedReload> refusedEvents) {
        this.loadedEvents = loadedEvents;
        this.refusedEvents = refusedEvents;
        this.directory = Path.of(config.rules().dir());
        this.loader = new RulesetLoader(RulesetRegistry.class.getClassLoader(), Clock.systemUTC(), reader,
                config.rules().maxFirings(), config.rules().validationTimeout());
    }

    /** Loads the rules at start; refuses to start on anything a reload would reject. */
    void onStart(@Observes @Priority(1000) StartupEvent start) {
        try {
            Advisor advisor = loader.load(directory);
            snapshot.set(new Snapshot(advisor, null));
            loadedEvents.fire(advisor.ruleset());
            LOG.infof("Loaded ruleset %s from %s: %d rules, %d truths", advisor.version(),
                    advisor.ruleset().directory(), advisor.ruleset().rules().size(), advisor.ruleset().truths().size());
        } catch (RulesetRejectedException e) {
            LOG.errorf("The rules in %s cannot serve, refusing to start. %s", directory.toAbsolutePath(),
                    e.getMessage());
            throw new IllegalStateException("The rules in " + directory.toAbsolutePath() + " cannot serve: "
                    + e.getMessage());
        }
    }

    /** The live advisor and the last refused reload, read together. */
    public Snapshot snapshot() {
        Snapshot current = snapshot.get();
        if (current == null) {
            throw new IllegalStateException("no ruleset is loaded yet");
        }
        return current;
    }

    /** The live ruleset, to describe (not to decide with: use {@link #acquire()}). */
    public Ruleset current() {
        return snapshot().advisor().ruleset();
    }

    /** The live ruleset, if one is loaded yet. */
    public Optional<Ruleset> loaded() {
        return Optional.ofNullable(snapshot.get()).map(current -> current.advisor().ruleset());
    }

    /** The live advisor, held until {@link Advisor#release()}: decide with it, then release it. */
    public Advisor acquire() {
        while (true) {
            Advisor advisor = snapshot().advisor();
            if (advisor.tryAcquire()) {
                return advisor;
            }
            // swapped out and closed between the read and the acquire: the next read sees its successor
        }
    }

    public Path directory() {
        return directory;
    }

    /**
     * Compiles and validates the folder again; swaps it in only if it passes. A refused reload leaves the
     * last good ruleset serving and is remembered for {@code GET /v1/ruleset}.
     */
    public synchronized Ruleset reload() throws RulesetRejectedException {
        Snapshot previous = snapshot.get();
        try {
            Advisor fresh = loader.load(directory);
            snapshot.set(new Snapshot(fresh, null));
            if (previous != null) {
                previous.advisor().release();
            }
            loadedEvents.fire(fresh.ruleset());
            LOG.infof("Reloaded ruleset %s (was %s)", fresh.version(),
                    previous == null ? "none" : previous.advisor().version());
            return fresh.ruleset();
        } catch (RulesetRejectedException e) {
            FailedReload failure = new FailedReload(Instant.now().truncatedTo(ChronoUnit.SECONDS), e.problems());
            if (previous != null) {
                snapshot.set(new Snapshot(previous.advisor(), failure));
            }
            refusedEvents.fire(failure);
            LOG.warnf("Reload refused, still serving %s. %s",
                    previous == null ? "nothing" : previous.advisor().version(), e.getMessage());
            throw e;
        }
    }
}

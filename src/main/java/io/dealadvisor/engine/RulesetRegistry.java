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
 * The ruleset the service answers with. A request reads the reference once and uses that ruleset to the
 * end, so swapping in a new one never mixes two rulesets in one answer.
 */
@ApplicationScoped
public class RulesetRegistry {

    private static final Logger LOG = Logger.getLogger(RulesetRegistry.class);

    /** A reload that was refused, and why. */
    public record FailedReload(Instant at, List<RuleProblem> problems) {
    }

    private final Path directory;
    private final RulesetLoader loader;
    private final AtomicReference<Ruleset> live = new AtomicReference<>();
    private final AtomicReference<FailedReload> lastFailure = new AtomicReference<>();

    private final Event<Ruleset> loadedEvents;
    private final Event<FailedReload> refusedEvents;

    public RulesetRegistry(DealAdvisorConfig config, DealReader reader, Event<Ruleset> loadedEvents,
                           Event<FailedReload> refusedEvents) {
        this.loadedEvents = loadedEvents;
        this.refusedEvents = refusedEvents;
        this.directory = Path.of(config.rules().dir());
        this.loader = new RulesetLoader(RulesetRegistry.class.getClassLoader(), Clock.systemUTC(), reader,
                config.rules().maxFirings());
    }

    /** Loads the rules at start; refuses to start on anything a reload would reject. */
    void onStart(@Observes @Priority(1000) StartupEvent start) {
        try {
            Ruleset ruleset = loader.load(directory);
            live.set(ruleset);
            loadedEvents.fire(ruleset);
            LOG.infof("Loaded ruleset %s from %s: %d rules, %d truths", ruleset.version(), ruleset.directory(),
                    ruleset.rules().size(), ruleset.truths().size());
        } catch (RulesetRejectedException e) {
            LOG.errorf("The rules in %s cannot serve, refusing to start. %s", directory.toAbsolutePath(),
                    e.getMessage());
            throw new IllegalStateException("The rules in " + directory.toAbsolutePath() + " cannot serve: "
                    + e.getMessage());
        }
    }

    public Ruleset current() {
        Ruleset ruleset = live.get();
        if (ruleset == null) {
            throw new IllegalStateException("no ruleset is loaded yet");
        }
        return ruleset;
    }

    /** The live ruleset, if one is loaded yet. */
    public Optional<Ruleset> loaded() {
        return Optional.ofNullable(live.get());
    }

    public Path directory() {
        return directory;
    }

    /** The scenarios of the rules folder, read and run as every reload does. */
    public Scenarios scenarios() {
        return loader.scenarios();
    }

    public int maxFirings() {
        return loader.maxFirings();
    }

    public FailedReload lastFailure() {
        return lastFailure.get();
    }

    /**
     * Compiles and validates the folder again; swaps it in only if it passes. A refused reload leaves the
     * last good ruleset serving and is remembered for {@code GET /v1/ruleset}.
     */
    public synchronized Ruleset reload() throws RulesetRejectedException {
        Ruleset previous = live.get();
        try {
            Ruleset fresh = loader.load(directory);
            live.set(fresh);
            lastFailure.set(null);
            loadedEvents.fire(fresh);
            LOG.infof("Reloaded ruleset %s (was %s)", fresh.version(), previous == null ? "none" : previous.version());
            return fresh;
        } catch (RulesetRejectedException e) {
            FailedReload failure = new FailedReload(Instant.now().truncatedTo(ChronoUnit.SECONDS), e.problems());
            lastFailure.set(failure);
            refusedEvents.fire(failure);
            LOG.warnf("Reload refused, still serving %s. %s", live.get() == null ? "nothing" : live.get().version(),
                    e.getMessage());
            throw e;
        }
    }
}

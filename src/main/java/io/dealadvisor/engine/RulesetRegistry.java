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
import java.util.Optional;

/**
 * The live rules: the advisor the service answers with. The service refuses to start on a folder a reload
 * would reject; later, a refused reload leaves the last good ruleset serving.
 */
@ApplicationScoped
public class RulesetRegistry {

    private static final Logger LOG = Logger.getLogger(RulesetRegistry.class);

    private final RulesSlot slot;
    private final Event<Ruleset> loadedEvents;
    private final Event<RulesSlot.FailedReload> refusedEvents;

    public RulesetRegistry(DealAdvisorConfig config, DealReader reader, Event<Ruleset> loadedEvents,
                           Event<RulesSlot.FailedReload> refusedEvents) {
        this.loadedEvents = loadedEvents;
        this.refusedEvents = refusedEvents;
        this.slot = new RulesSlot(Path.of(config.rules().dir()), RulesetLoader.forService(config, reader));
    }

    /**
     * Loads the rules at start; refuses to start on anything a reload would reject. Before Quarkus Messaging starts
     * its channels (priority 1000), so that no deal read from Kafka finds no ruleset (and goes to the dead letters).
     */
    void onStart(@Observes @Priority(900) StartupEvent start) {
        try {
            Advisor advisor = slot.reload();
            loadedEvents.fire(advisor.ruleset());
            LOG.infof("Loaded ruleset %s from %s: %d rules, %d truths", advisor.version(),
                    advisor.ruleset().directory(), advisor.ruleset().rules().size(), advisor.ruleset().truths().size());
        } catch (RulesetRejectedException e) {
            LOG.errorf("The rules in %s cannot serve, refusing to start. %s", slot.directory().toAbsolutePath(),
                    e.getMessage());
            throw new IllegalStateException("The rules in " + slot.directory().toAbsolutePath() + " cannot serve: "
                    + e.getMessage());
        }
    }

    /** The live advisor and the last refused reload, read together. */
    public RulesSlot.Snapshot snapshot() {
        RulesSlot.Snapshot current = slot.snapshot();
        if (current.advisor() == null) {
            throw new IllegalStateException("no ruleset is loaded yet");
        }
        return current;
    }

    /** The live ruleset, to describe (to decide with, use {@link #acquire()}). */
    public Ruleset current() {
        return snapshot().advisor().ruleset();
    }

    /** The live ruleset, if one is loaded yet. */
    public Optional<Ruleset> loaded() {
        return Optional.ofNullable(slot.snapshot().advisor()).map(Advisor::ruleset);
    }

    /** The live advisor, held until {@link Advisor#release()}: decide with it, then release it. */
    public Advisor acquire() {
        Advisor advisor = slot.acquire();
        if (advisor == null) {
            throw new IllegalStateException("no ruleset is loaded yet");
        }
        return advisor;
    }

    public Path directory() {
        return slot.directory();
    }

    /** Compiles and validates the folder again and swaps it in only if it passes. */
    public Ruleset reload() throws RulesetRejectedException {
        String previous = loaded().map(Ruleset::version).orElse("none");
        try {
            Advisor fresh = slot.reload();
            loadedEvents.fire(fresh.ruleset());
            LOG.infof("Reloaded ruleset %s (was %s)", fresh.version(), previous);
            return fresh.ruleset();
        } catch (RulesetRejectedException e) {
            refusedEvents.fire(slot.snapshot().lastFailure());
            LOG.warnf("Reload refused, still serving %s. %s", previous, e.getMessage());
            throw e;
        }
    }
}

package io.dealadvisor.engine;

import io.dealadvisor.DealAdvisorConfig;
import io.dealadvisor.intake.DealReader;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The shadow candidate ({@code deal-advisor.shadow.dir}): a second rules folder, loaded, validated and
 * reloaded exactly like the live one, but never in the way of the service. A candidate that is refused at
 * start leaves the shadow empty; a refused reload keeps the last good candidate.
 */
@ApplicationScoped
public class CandidateRegistry {

    private static final Logger LOG = Logger.getLogger(CandidateRegistry.class);

    private final Optional<RulesSlot> slot;

    public CandidateRegistry(DealAdvisorConfig config, DealReader reader) {
        this.slot = config.shadow().dir().filter(dir -> !dir.isBlank())
                .map(dir -> new RulesSlot(Path.of(dir), RulesetLoader.forService(config, reader)));
    }

    void onStart(@Observes @Priority(1100) StartupEvent start) {
        slot.ifPresent(candidate -> reload());
    }

    /** The candidate's slot, when a shadow folder is configured. */
    public Optional<RulesSlot> slot() {
        return slot;
    }

    /** Reloads the candidate; a refusal is logged and kept in the slot, never thrown at the service. */
    public void reload() {
        slot.ifPresent(candidate -> {
            try {
                Advisor advisor = candidate.reload();
                LOG.infof("Shadow candidate %s loaded from %s", advisor.version(), candidate.directory().toAbsolutePath());
            } catch (RulesetRejectedException e) {
                Advisor kept = candidate.snapshot().advisor();
                LOG.warnf("Shadow candidate in %s refused, %s. %s", candidate.directory().toAbsolutePath(),
                        kept == null ? "no candidate is compared" : "still comparing " + kept.version(), e.getMessage());
            }
        });
    }
}

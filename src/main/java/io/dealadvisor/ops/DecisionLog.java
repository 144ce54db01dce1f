package io.dealadvisor.ops;

import io.dealadvisor.DealAdvisorConfig;
import io.dealadvisor.domain.Reason;
import io.dealadvisor.domain.Verdict;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One log line per decision (deal id, advice, truths, ruleset version, duration). The values are also in the
 * MDC, so JSON logging carries them as fields. Switched off with {@code deal-advisor.decision-log.enabled=false}.
 */
@ApplicationScoped
public class DecisionLog {

    private static final Logger LOG = Logger.getLogger("deal-advisor.decisions");

    private final boolean enabled;

    public DecisionLog(DealAdvisorConfig config) {
        this.enabled = config.decisionLog().enabled();
    }

    public void decided(Verdict verdict, long nanos) {
        if (!enabled || !LOG.isInfoEnabled()) {
            return;
        }
        String truths = verdict.reasons().stream().map(Reason::truth).filter(Objects::nonNull).distinct()
                .collect(Collectors.joining(","));
        String micros = String.valueOf(nanos / 1_000);
        String dealId = LogText.escaped(verdict.dealId());
        MDC.put("dealId", dealId);
        MDC.put("advice", verdict.advice().name());
        MDC.put("truths", truths);
        MDC.put("rulesetVersion", verdict.ruleset().version());
        MDC.put("durationMicros", micros);
        try {
            LOG.infof("deal=%s advice=%s truths=%s ruleset=%s durationMicros=%s", dealId, verdict.advice(),
                    truths, verdict.ruleset().version(), micros);
        } finally {
            MDC.remove("dealId");
            MDC.remove("advice");
            MDC.remove("truths");
            MDC.remove("rulesetVersion");
            MDC.remove("durationMicros");
        }
    }
}

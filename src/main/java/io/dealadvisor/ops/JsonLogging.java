package io.dealadvisor.ops;

import io.dealadvisor.DealAdvisorConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.formatters.JsonFormatter;

import java.util.logging.Handler;

/**
 * One JSON object per log line, MDC included (so each decision's deal, advice, truths, ruleset and duration
 * are fields), when {@code deal-advisor.log.json=true}. It uses the log manager's own JSON formatter, because
 * the quarkus-logging-json extension is not published for this Quarkus version.
 */
@ApplicationScoped
public class JsonLogging {

    private final boolean enabled;

    public JsonLogging(DealAdvisorConfig config) {
        this.enabled = config.log().json();
    }

    void onStart(@Observes StartupEvent start) {
        if (enabled) {
            for (Handler handler : LogContext.getLogContext().getLogger("").getHandlers()) {
                useJson(handler);
            }
        }
    }

    private static void useJson(Handler handler) {
        if (handler instanceof ExtHandler parent && parent.getHandlers().length > 0) {
            for (Handler child : parent.getHandlers()) {
                useJson(child);
            }
        } else {
            JsonFormatter json = new JsonFormatter();
            json.setPrintDetails(false);
            handler.setFormatter(json);
        }
    }
}

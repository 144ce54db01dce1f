package io.dealadvisor.ops;

import io.dealadvisor.testing.SwitchesFlipped;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.MDC;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With {@code deal-advisor.log.json=true} every console line is a JSON object carrying the MDC fields. */
@QuarkusTest
@TestProfile(SwitchesFlipped.class)
class JsonLoggingTest {

    @Test
    void consoleLinesAreJsonWithTheDecisionFields() {
        List<Formatter> formatters = new ArrayList<>();
        for (Handler handler : LogContext.getLogContext().getLogger("").getHandlers()) {
            collect(handler, formatters);
        }
        assertFalse(formatters.isEmpty());
        ExtLogRecord record = new ExtLogRecord(Level.INFO, "deal=OPP-1 advice=WAIT", ExtLogRecord.FormatStyle.NO_FORMAT,
                "deal-advisor.decisions");
        MDC.put("dealId", "OPP-1");
        try {
            record.copyMdc();
        } finally {
            MDC.remove("dealId");
        }
        for (Formatter formatter : formatters) {
            String line = formatter.format(record).strip();
            assertTrue(line.startsWith("{") && line.endsWith("}"), line);
            assertTrue(line.contains("\"dealId\":\"OPP-1\""), line);
        }
    }

    private static void collect(Handler handler, List<Formatter> formatters) {
        if (handler instanceof ExtHandler parent && parent.getHandlers().length > 0) {
            for (Handler child : parent.getHandlers()) {
                collect(child, formatters);
            }
        } else if (handler.getFormatter() != null) {
            formatters.add(handler.getFormatter());
        }
    }
}

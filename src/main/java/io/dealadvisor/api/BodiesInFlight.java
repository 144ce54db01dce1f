package io.dealadvisor.api;

import io.dealadvisor.DealAdvisorConfig;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounds the request threads one caller can hold while its bodies are still arriving. Bodies are read as they
 * arrive, on request threads, so a caller that opens many requests and sends their bodies slowly would otherwise
 * hold every thread of the pool, and nobody else would be answered. Past {@code
 * deal-advisor.limits.max-uploads-per-caller} bodies of one caller being read, its next request gets {@code 429} at
 * once; other callers are not affected.
 */
@ApplicationScoped
public class BodiesInFlight {

    /** What releases a caller's place once its body is read (or its reading failed). */
    public interface Reading extends AutoCloseable {
        @Override
        void close();
    }

    /** A caller with as many bodies arriving as it may have; {@link ProblemMappers} answers {@code 429}. */
    public static final class TooManyUploadsException extends RuntimeException {
        TooManyUploadsException(int limit) {
            super("this caller already has " + limit + " requests whose bodies are still arriving; finish sending"
                    + " them (or close them) before sending more", null, false, false);
        }
    }

    private final int perCaller;
    /** Bodies being read, by caller (the empty name: callers without credentials, when checks are off). */
    private final ConcurrentHashMap<String, Integer> reading = new ConcurrentHashMap<>();

    public BodiesInFlight(DealAdvisorConfig config) {
        this.perCaller = config.limits().maxUploadsPerCaller();
    }

    /** A place for one more body of the request's caller, to close once the body is read. */
    public Reading begin(SecurityIdentity identity) {
        String caller = identity.isAnonymous() ? "" : identity.getPrincipal().getName();
        boolean[] admitted = {false};
        reading.compute(caller, (name, count) -> {
            int now = count == null ? 0 : count;
            if (now >= perCaller) {
                return count;
            }
            admitted[0] = true;
            return now + 1;
        });
        if (!admitted[0]) {
            throw new TooManyUploadsException(perCaller);
        }
        return () -> reading.computeIfPresent(caller, (name, count) -> count == 1 ? null : count - 1);
    }
}

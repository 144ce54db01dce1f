package io.dealadvisor.engine;

import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * An advisor's pool of sessions and the count of its uses. The registry holds one use of the live advisor and
 * each request another; the pool is shut down when the last use is released after the advisor was swapped out.
 */
final class SessionPool {

    private final KieSessionsPool sessions;
    private final AtomicInteger uses = new AtomicInteger(1);

    SessionPool(KieBase kieBase) {
        this.sessions = kieBase.newKieSessionsPool(Math.max(4, Runtime.getRuntime().availableProcessors() * 2));
    }

    /** A session of the pool; disposing it gives it back, reset. */
    KieSession session() {
        return sessions.newKieSession();
    }

    /** One more use; false once the pool is shut down. */
    boolean tryAcquire() {
        int current;
        do {
            current = uses.get();
            if (current == 0) {
                return false;
            }
        } while (!uses.compareAndSet(current, current + 1));
        return true;
    }

    /** Ends a use; the last one shuts the pool down. */
    void release() {
        if (uses.decrementAndGet() == 0) {
            sessions.shutdown();
        }
    }

    boolean isClosed() {
        return uses.get() == 0;
    }
}

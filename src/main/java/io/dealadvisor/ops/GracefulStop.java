package io.dealadvisor.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealadvisor.api.Problem;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stop is a stop: a graceful shutdown ends within {@code quarkus.shutdown.timeout} (30 s) whatever requests are
 * in flight, and leaves time to write the buffered decision records.
 *
 * <p>Quarkus alone would give requests in flight the whole timeout, then write the records, then wait for the
 * worker pool: a request that never ends (a body sent a byte at a time, a client that stopped reading) held a stop
 * past the pod's grace period, and Kubernetes' {@code SIGKILL} lost the buffer. So the timeout is shared out here:
 *
 * <ol>
 *   <li>requests in flight get the timeout less {@link #AFTER_REQUESTS} (20 s of 30 s; half of a timeout under
 *       20 s). Those still running then have their connections closed: a thread blocked reading a body wakes with
 *       an error, and the caller sees its connection end without an answer;</li>
 *   <li>from then on a request that still arrives (Quarkus keeps listening until it closes its servers) is answered
 *       {@code 503} at once, so that no answer is given whose record could no longer be written;</li>
 *   <li>the decision records are written until the timeout less {@link #AFTER_RECORDS} ({@link #recordsDeadline});
 *   </li>
 *   <li>the worker pool is given {@code quarkus.thread-pool.shutdown-timeout} (2 s, application.properties), its
 *       threads interrupted after {@code quarkus.thread-pool.shutdown-interrupt} (1 s); a thread that ignores both
 *       (a computation that never checks for interruption) is left behind, and the process exits all the same.</li>
 * </ol>
 *
 * <p>The stop begins with {@code SIGTERM} (or {@code SIGINT}): a JVM shutdown hook of this bean notes the moment
 * and cuts the requests at their deadline while Quarkus waits for them. In tests the application is stopped without
 * a signal; then the stop is taken to begin when Quarkus has finished waiting for requests.
 */
@ApplicationScoped
public class GracefulStop {

    private static final Logger LOG = Logger.getLogger(GracefulStop.class);
    /** What a stop keeps, after the requests' share, for the records and the worker pool. */
    static final Duration AFTER_REQUESTS = Duration.ofSeconds(10);
    /** What a stop keeps, after the records' share, for the worker pool and the exit. */
    static final Duration AFTER_RECORDS = Duration.ofSeconds(3);
    /** Before the security and REST handlers, so that a refused request costs nothing. */
    private static final int FILTER_PRIORITY = 1000;
    private static final String ARRIVED_AT = "deal-advisor.arrived-at";

    private final Duration timeout;
    /** The problem a request refused here gets: the same document as one refused after it was decided. */
    private final byte[] stopping;
    private final Set<HttpServerRequest> inFlight = ConcurrentHashMap.newKeySet();
    /** {@link System#nanoTime()} when the stop began; 0 while the service runs. */
    private volatile long stopBegan;
    /** Set once Quarkus has stopped waiting for requests: from then on new ones are refused. */
    private volatile boolean refusing;
    private Thread hook;

    public GracefulStop(@ConfigProperty(name = "quarkus.shutdown.timeout", defaultValue = "30s") Duration timeout,
                        ObjectMapper mapper) throws JsonProcessingException {
        this.timeout = timeout;
        this.stopping = mapper.writeValueAsBytes(Problem.stopping());
    }

    /** The share of the timeout that requests in flight get. */
    Duration requestsShare() {
        Duration share = timeout.minus(AFTER_REQUESTS);
        return share.compareTo(timeout.dividedBy(2)) < 0 ? timeout.dividedBy(2) : share;
    }

    /**
     * The {@link System#nanoTime()} by which the decision records must be written for the stop to end in time; as
     * if the stop began now when it has not begun.
     */
    public long recordsDeadline() {
        long began = stopBegan == 0 ? System.nanoTime() : stopBegan;
        Duration share = timeout.minus(AFTER_RECORDS);
        return began + (share.isNegative() ? Duration.ZERO : share).toNanos();
    }

    /**
     * Whether the stop has finished with the requests in flight: from then on nothing new is decided here, as the
     * decision records' final write follows (deals from Kafka are left for the next consumer).
     */
    public boolean stopping() {
        return refusing;
    }

    void register(@Observes Filters filters) {
        filters.register(this::track, FILTER_PRIORITY);
    }

    private void track(RoutingContext context) {
        if (refusing) {
            context.response().setStatusCode(503)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .putHeader("Retry-After", "1")
                    .end(Buffer.buffer(stopping));
            return;
        }
        HttpServerRequest request = context.request();
        context.put(ARRIVED_AT, System.currentTimeMillis());
        inFlight.add(request);
        context.addEndHandler(done -> inFlight.remove(request));
        context.next();
    }

    /**
     * When the request of {@code context} arrived (its headers, before its body), as this filter saw it; now for one
     * it did not see.
     */
    public static Instant arrivedAt(RoutingContext context) {
        Long at = context == null ? null : context.get(ARRIVED_AT);
        return at == null ? Instant.now() : Instant.ofEpochMilli(at);
    }

    /** The requests a stop would wait for now. */
    int inFlight() {
        return inFlight.size();
    }

    void onStart(@Observes StartupEvent start) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return; // dev mode restarts in place, and tests stop the application without a signal
        }
        hook = new Thread(this::cutRequestsAtTheirDeadline, "deal-advisor-graceful-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The shutdown hook: while Quarkus waits for the requests in flight, ends those still running at the deadline. */
    private void cutRequestsAtTheirDeadline() {
        stopBegan = System.nanoTime();
        long deadline = stopBegan + requestsShare().toNanos();
        while (!refusing && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
        if (!refusing) {
            cut();
        }
    }

    /**
     * Quarkus has stopped waiting for requests (all ended, or its own timeout passed): refuse new ones, give those
     * that came in meanwhile what is left of their share, and cut the rest. Observed before the decision records'
     * final write, so that every answer given has its record buffered by then.
     */
    void onStop(@Observes @Priority(1) ShutdownEvent stop) {
        refusing = true;
        if (stopBegan == 0) {
            stopBegan = System.nanoTime();
        }
        long deadline = stopBegan + requestsShare().toNanos();
        while (!inFlight.isEmpty() && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        cut();
        if (hook != null && !hook.isAlive()) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyStopping) {
                // the hook has run: nothing to remove
            }
        }
    }

    private void cut() {
        if (inFlight.isEmpty()) {
            return;
        }
        LOG.warnf("%d request(s) still in flight %.1f s after the stop began: closing their connections, so that the"
                        + " stop ends within quarkus.shutdown.timeout (%s)", inFlight.size(),
                (System.nanoTime() - stopBegan) / 1e9, timeout);
        for (HttpServerRequest request : inFlight) {
            try {
                request.connection().close();
            } catch (RuntimeException e) {
                LOG.debugf(e, "Could not close a connection in flight");
            }
            inFlight.remove(request);
        }
    }
}

package io.dealadvisor.records;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The one thread that writes the buffer to the store in batches: it lets a batch gather, backs off while the store
 * cannot be reached, probes it while idle, and at a stop writes what is left until the stop's deadline.
 *
 * <p>It never gives up quietly. Anything thrown out of it (a bug, an Error of a driver, an OutOfMemoryError) ends
 * that thread only: the failure is logged, and after a back-off a new thread takes over, with a new connection and
 * the records the old one held. A failure that passes (memory short for a moment) costs a restart or two; one that
 * comes back on every attempt would restart forever and hide itself, so {@link #MOST_FAILURES} failures within
 * {@link #FAILURE_WINDOW} (about 15 s of attempts with the back-offs below) give the writer up: liveness turns DOWN,
 * so that the platform restarts the process, the only cure left, rather than let the buffer fill and drop records.
 */
final class RecordWriter {

    /** The recorder's log category, as before the recorder was split into parts. */
    private static final Logger LOG = Logger.getLogger(DecisionRecorder.class);
    /** Records written in one transaction. */
    private static final int BATCH = 500;
    /**
     * How long the writer lets records gather before writing a batch that is not full: fewer, larger transactions
     * cost the database less per record, when nobody waits for a record ({@link #someoneWaits}). Not longer: a record that waits outlives a
     * young collection of a busy heap (every 100 to 150 ms at -Xmx128m under load) and is copied, then promoted, and
     * the old generation's growth brings G1's concurrent cycles; 20 ms answered more qualifications than 50 ms
     * (docs/benchmarks.md).
     */
    private static final Duration GATHER = Duration.ofMillis(20);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration LAST_BACKOFF = Duration.ofSeconds(5);
    /** How often an idle writer checks that the database still answers, so the health check stays true. */
    private static final Duration PROBE_EVERY = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(250);
    /** The wait before the first restart, doubled before each further one within the window. */
    static final Duration FIRST_RESTART = Duration.ofSeconds(1);
    static final int MOST_FAILURES = 5;
    static final Duration FAILURE_WINDOW = Duration.ofMinutes(1);

    private final RecordBuffer buffer;
    private final Batches batches;
    private final StoreReach reach;
    private final WriterConnection connection;
    /** {@code durability=sync}: a request waits for each record, so a batch does not gather. */
    private final boolean sync;
    /** Records taken from the buffer and not yet settled; used by one thread at a time, kept across a restart. */
    private final List<DecisionRecord> pending = new ArrayList<>(BATCH);
    /** When the recent failures happened ({@link System#nanoTime()}), oldest first. */
    private final Deque<Long> failures = new ArrayDeque<>();
    private volatile Thread thread;
    /** Why the writer was given up for good; null while it runs or restarts. */
    private volatile String givenUp;
    private volatile boolean stopping;
    private volatile long stopDeadline;

    RecordWriter(RecordBuffer buffer, Batches batches, StoreReach reach, WriterConnection connection, boolean sync) {
        this.buffer = buffer;
        this.batches = batches;
        this.reach = reach;
        this.connection = connection;
        this.sync = sync;
    }

    void start() {
        Thread next = new Thread(this::run, "decision-records-writer");
        next.setDaemon(true);
        thread = next;
        next.start();
    }

    boolean started() {
        return thread != null;
    }

    /**
     * Why nothing is written any more, or null while the writer runs or is about to restart: given up after too many
     * failures, or its thread gone some other way while the service runs.
     */
    String failure() {
        Thread current = thread;
        if (givenUp == null && current != null && current.getState() == Thread.State.TERMINATED && !stopping) {
            return "the writer thread ended";
        }
        return givenUp;
    }

    /**
     * The final write at a stop: no record is taken any more, and those held are written until {@code deadline}
     * ({@link System#nanoTime()}); what is left then is logged as lost.
     */
    void finalWrite(long deadline) {
        buffer.close();
        if (buffer.held() > 0) {
            LOG.infof("Writing %d buffered decision record(s) before stopping", buffer.held());
        }
        stop(deadline);
        int left = buffer.held();
        if (left > 0) {
            LOG.errorf("%d decision record(s) could not be written before the service stopped: %s", left,
                    failure() != null ? failure() : reach.lastError());
        }
    }

    /**
     * Lets the writer write what is left until {@code deadline} ({@link System#nanoTime()}), then waits for it. A
     * writer given up gets one more attempt: what made it fail may have passed, and what it holds is lost otherwise.
     */
    void stop(long deadline) {
        stopDeadline = deadline;
        stopping = true;
        if (givenUp != null && buffer.held() > 0) {
            LOG.infof("The decision-records writer was given up; it tries once more to write the %d record(s) held",
                    buffer.held());
            start();
        }
        Thread joined;
        do {
            joined = thread;
            try {
                joined.join(Math.max(1, (stopDeadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        } while (joined != thread && System.nanoTime() - stopDeadline < 0); // it restarted: wait for the new one
    }

    private void run() {
        try {
            writeUntilStopped();
            connection.release();
        } catch (Throwable e) { // anything: a writer must not end unseen
            connection.release();
            restartAfter(e);
        }
    }

    /** On the failed thread: restarts the writer after a back-off, unless it failed too often to be any use. */
    private void restartAfter(Throwable e) {
        long now = System.nanoTime();
        failures.addLast(now);
        while (now - failures.peekFirst() > FAILURE_WINDOW.toNanos()) {
            failures.removeFirst();
        }
        if (failures.size() >= MOST_FAILURES) {
            givenUp = "the writer failed " + failures.size() + " times within " + FAILURE_WINDOW
                    + ", so no record is written any more: " + e;
            LOG.errorf(e, "The decision-records writer failed %d times within %s and is given up; no record is"
                    + " written any more, and liveness is DOWN", failures.size(), FAILURE_WINDOW);
            return;
        }
        Duration wait = FIRST_RESTART.multipliedBy(1L << (failures.size() - 1));
        LOG.errorf(e, "The decision-records writer failed; it restarts in %s with the %d record(s) it held", wait,
                pending.size());
        pause(wait);
        if (stopping && System.nanoTime() - stopDeadline >= 0) {
            return;
        }
        start();
    }

    private void writeUntilStopped() {
        Backoff backoff = new Backoff(FIRST_BACKOFF, LAST_BACKOFF);
        long nextProbe = System.nanoTime() + PROBE_EVERY.toNanos();
        while (true) {
            if (pending.isEmpty()) {
                DecisionRecord first = next();
                if (first == null) {
                    // stopping: done once nothing is held, records waiting for the shadow included
                    if (stopping && (buffer.held() == 0 || System.nanoTime() - stopDeadline >= 0)) {
                        return;
                    }
                    if (System.nanoTime() - nextProbe >= 0) {
                        reach.probe();
                        nextProbe = System.nanoTime() + PROBE_EVERY.toNanos();
                    }
                    continue;
                }
                pending.add(first);
                buffer.drainTo(pending, BATCH - 1);
                if (pending.size() < BATCH && !stopping && !sync && !someoneWaits(pending)) {
                    pause(GATHER);
                    buffer.drainTo(pending, BATCH - pending.size());
                }
            }
            if (batches.write(pending)) {
                backoff.reset();
            } else if (stopping && System.nanoTime() - stopDeadline >= 0) {
                return;
            } else {
                pause(backoff.next());
            }
        }
    }

    private DecisionRecord next() {
        try {
            return buffer.poll(POLL);
        } catch (InterruptedException e) {
            interrupted();
            return null;
        }
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            interrupted();
        }
    }

    /** Nothing here interrupts the writer (H2 closes its file on an interrupted write); if something does, stop. */
    private void interrupted() {
        stopDeadline = System.nanoTime();
        stopping = true;
        buffer.close();
    }

    /**
     * Whether a record of the batch is waited for: a deal read from Kafka is acknowledged only once its record is
     * committed, whatever the durability, and its consumer decides nothing else meanwhile, so gathering would add
     * its 20 ms to every such deal; records that come in while this batch commits make the next batch.
     */
    private static boolean someoneWaits(List<DecisionRecord> batch) {
        for (DecisionRecord record : batch) {
            if (record.input() != null) {
                return true;
            }
        }
        return false;
    }
}

package io.dealadvisor.events;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * The sends of the publisher's last batch, which may not have settled when it gave up waiting for them: no batch is
 * sent before they have, so that sends never pile up in the producer while the broker is away. One not settled after
 * {@code giveUpAfter} (its acknowledgement lost) is given up, and logged. Used by the publisher's one thread.
 */
final class SendsInFlight {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);

    private final Duration giveUpAfter;
    private List<CompletableFuture<Void>> sends = List.of();
    private long since;

    SendsInFlight(Duration giveUpAfter) {
        this.giveUpAfter = giveUpAfter;
    }

    /** Throws while a send of the last batch has not settled, until it is given up. */
    void awaitSettled() throws TimeoutException {
        if (sends.stream().allMatch(CompletableFuture::isDone)) {
            return;
        }
        if (System.nanoTime() - since < giveUpAfter.toNanos()) {
            throw new TimeoutException("the broker has not settled the sends of the last batch yet");
        }
        LOG.warnf("Decision events: %d send(s) of a batch still not settled after %s; sending again",
                sends.stream().filter(send -> !send.isDone()).count(), giveUpAfter);
        sends = List.of();
    }

    /** The list the next batch's sends go into, tracked from now on (even if the batch stops part-way). */
    List<CompletableFuture<Void>> next(int size) {
        sends = new ArrayList<>(size);
        since = System.nanoTime();
        return sends;
    }
}

package io.dealadvisor.records;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BackoffTest {

    @Test
    void waitsDoubleUpToTheLongestAndStartAgainAfterASuccess() {
        Backoff backoff = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(5));
        List<Long> waits = Stream.generate(backoff::next).limit(7).map(Duration::toMillis).toList();
        assertEquals(List.of(250L, 500L, 1_000L, 2_000L, 4_000L, 5_000L, 5_000L), waits);

        backoff.reset();
        assertEquals(Duration.ofMillis(250), backoff.next());
        assertEquals(Duration.ofMillis(500), backoff.next());
    }
}

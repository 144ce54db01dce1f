package io.dealadvisor.records;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whether one configured age can reach past another does not depend on the day the service starts. */
class AgesTest {

    private static Ages age(String text) {
        return Ages.parse("key", text, Duration.ofSeconds(1));
    }

    @Test
    void monthsAndYearsAreCountedAtTheirLongestAgainstDaysAtTheirShortest() {
        assertTrue(age("P1M").longerThan(age("P30D")), "a month can be 31 days");
        assertTrue(age("P3M").longerThan(age("P90D")));
        assertTrue(age("P1Y").longerThan(age("P365D")), "a year can be 366 days");
        assertFalse(age("P28D").longerThan(age("P1M")), "a month is at least 28 days");
        assertFalse(age("PT24H").longerThan(age("P1D")));
        assertTrue(age("PT25H").longerThan(age("P1D")));
        assertFalse(age("P90D").longerThan(age("P90D")));
    }
}

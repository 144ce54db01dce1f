package io.dealadvisor.records;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

import java.util.UUID;

/** Decision ids: UUID version 7 (RFC 9562), unique and ordered by the time they were made. */
public final class DecisionIds {

    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    private DecisionIds() {
    }

    public static UUID next() {
        return GENERATOR.generate();
    }
}

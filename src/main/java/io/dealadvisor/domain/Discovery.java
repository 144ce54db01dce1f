package io.dealadvisor.domain;

import java.math.BigDecimal;

/** What the seller has learned about the client's problem; a blank desired outcome is null. */
public record Discovery(Boolean problemDiagnosed, String desiredOutcome, Positioning positioning,
                        BigDecimal requirementsCovered, Boolean nothingNeeded) {
}

package io.dealadvisor.domain;

import java.math.BigDecimal;

/**
 * A mistake of ours that cost the client. An absent loss or amends counts as zero, so the rules compare
 * numbers without null checks.
 */
public record Incident(int position, String id, String summary, BigDecimal clientLoss, Boolean apologized,
                       BigDecimal amendsOffered, Boolean resolved) {
}

package io.dealadvisor.domain;

import java.math.BigDecimal;

/** The numbers the rules compare against, read from {@code rules/thresholds.yaml}. */
public record Thresholds(BigDecimal minimumRequirementsCovered, int maximumApprovals,
                         BigDecimal amendsMultipleOfLoss, BigDecimal lifetimeValueMultipleOfDeal) {
}

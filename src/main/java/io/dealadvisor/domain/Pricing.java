package io.dealadvisor.domain;

import java.math.BigDecimal;

public record Pricing(BigDecimal ourPrice, BigDecimal lowestCompetitorPrice) {
}

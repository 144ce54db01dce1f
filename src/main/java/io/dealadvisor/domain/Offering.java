package io.dealadvisor.domain;

import java.math.BigDecimal;

public record Offering(String name, Category category, Novelty novelty, BigDecimal amount, String currency) {
}

package io.dealadvisor.domain;

import java.math.BigDecimal;

public record Client(String name, Integer relationshipYears, BigDecimal lifetimeValue,
                     Boolean statedNoNeed, Boolean needConfirmed) {
}

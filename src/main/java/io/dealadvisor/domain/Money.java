package io.dealadvisor.domain;

import java.math.BigDecimal;

/** Writes amounts the way a seller reads them in an action: {@code 1000 EUR}. */
public final class Money {
    private Money() {
    }

    public static String format(BigDecimal amount, String currency) {
        String figure = amount.stripTrailingZeros().toPlainString();
        return currency == null ? figure : figure + " " + currency;
    }
}

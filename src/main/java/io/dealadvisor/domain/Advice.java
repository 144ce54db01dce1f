package io.dealadvisor.domain;

/** What the seller should do with a deal. Their precedence is data: see {@code rules/advice.yaml}. */
public enum Advice {
    PROCEED, WAIT, REFER, NO_SALE
}

package io.dealadvisor.domain;

public enum Category {
    COMMODITY, SPECIALTY, LUXURY
}

package io.dealadvisor.domain;

public enum Positioning {
    WANT, NEED, UNKNOWN
}

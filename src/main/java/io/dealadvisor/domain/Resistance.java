package io.dealadvisor.domain;

public enum Resistance {
    LOW, MEDIUM, HIGH
}

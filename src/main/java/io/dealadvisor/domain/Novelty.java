package io.dealadvisor.domain;

public enum Novelty {
    NEW_TO_CLIENT, REPLACEMENT
}

package io.dealadvisor.domain;

public enum InfrastructureFit {
    SEAMLESS, MINOR_CHANGES, MAJOR_CHANGES, INCOMPATIBLE
}

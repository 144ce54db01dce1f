package io.dealadvisor.domain;

public record Infrastructure(InfrastructureFit fit, Integer approvalsRequired, Resistance politicalResistance) {
}

package io.dealadvisor.domain;

public record Pressure(Boolean internalPushToClose, String reason) {
}

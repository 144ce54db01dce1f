package io.dealadvisor.domain;

public enum MilestoneStatus {
    PENDING, DONE
}

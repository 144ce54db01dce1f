package io.dealadvisor.domain;

import java.time.LocalDate;

/** One of the client's own milestones; {@code position} is its place in the deal's list. */
public record Milestone(int position, String name, LocalDate due, MilestoneStatus status) {
}

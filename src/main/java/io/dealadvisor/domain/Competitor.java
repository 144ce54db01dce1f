package io.dealadvisor.domain;

/** A competitor the client could buy from instead; {@code position} is its place in the deal's list. */
public record Competitor(int position, String name, Boolean fitsRequirements, Boolean fitsInfrastructure) {
}

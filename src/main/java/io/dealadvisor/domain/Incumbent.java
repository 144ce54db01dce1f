package io.dealadvisor.domain;

public record Incumbent(String vendor, Boolean sameCategory, Boolean clientSatisfied) {
}

package io.dealadvisor.domain;

/** A rule that fired: the advice it voted for (null when it only added actions or warnings) and why. */
public record Reason(String rule, String truth, Advice advice, String explanation) {
}

package io.dealadvisor.domain;

/**
 * The advice the votes settled on. It is inserted only after every vote is cast, so rules that depend on
 * the final advice (who to refer to, when to revisit, protecting the relationship) match on it.
 */
public record FinalAdvice(Advice advice) {
}

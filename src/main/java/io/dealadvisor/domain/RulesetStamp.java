package io.dealadvisor.domain;

import java.time.Instant;

/** Which ruleset gave an answer: the content hash of the rules folder and when it was loaded. */
public record RulesetStamp(String version, Instant loadedAt) {
}

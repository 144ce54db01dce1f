package io.dealadvisor.engine;

/** One truth about selling from {@code rules/truths.yaml}: its code, what it says, the seed it comes from. */
public record Truth(String code, String statement, String source) {
}

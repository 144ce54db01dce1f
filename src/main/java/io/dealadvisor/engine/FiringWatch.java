package io.dealadvisor.engine;

/** Which rule an evaluation is running, for a validation that must name a rule that never returns. */
final class FiringWatch {
    volatile String rule;
}

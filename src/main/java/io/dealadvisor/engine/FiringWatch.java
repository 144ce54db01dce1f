package io.dealadvisor.engine;

/**
 * Which rule's consequence an evaluation is running, null between consequences (the conditions are then evaluated),
 * for a validation that must name what never returns.
 */
final class FiringWatch {
    volatile String rule;
}

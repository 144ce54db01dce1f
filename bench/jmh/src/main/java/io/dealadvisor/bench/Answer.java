package io.dealadvisor.bench;

import io.dealadvisor.domain.Advice;
import io.dealadvisor.domain.Verdict;

import java.time.LocalDate;

/** What every implementation must agree on for a deal: the advice, whom to refer to, when to revisit. */
public record Answer(Advice advice, String referTo, LocalDate revisitOn) {

    public static Answer of(Verdict verdict) {
        return new Answer(verdict.advice(), verdict.referTo(), verdict.revisitOn());
    }
}

package io.dealadvisor.engine;

import io.dealadvisor.domain.Advice;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How votes become one advice, read from {@code rules/advice.yaml}: the precedence (strongest first), the
 * advice when nobody voted, and the headline templates.
 */
public final class AdvicePolicy {

    static final List<String> HEADLINES = List.of("NO_SALE", "REFER", "REFER_WITHOUT_COMPETITOR", "WAIT",
            "WAIT_UNTIL", "PROCEED", "WITHOUT_VOTES");
    /** What each headline template may hold: what {@link #headline} fills in when it uses that one. */
    static final Map<String, List<String>> PLACEHOLDERS = Map.of(
            "NO_SALE", List.of("{reason}"), "PROCEED", List.of("{reason}"), "WAIT", List.of("{reason}"),
            "REFER_WITHOUT_COMPETITOR", List.of("{reason}"), "REFER", List.of("{reason}", "{referTo}"),
            "WAIT_UNTIL", List.of("{reason}", "{revisitOn}"), "WITHOUT_VOTES", List.of());

    private final List<Advice> precedence;
    private final Advice withoutVotes;
    private final Map<String, String> headlines;
    private final Map<Advice, Integer> rank = new EnumMap<>(Advice.class);

    AdvicePolicy(List<Advice> precedence, Advice withoutVotes, Map<String, String> headlines) {
        this.precedence = List.copyOf(precedence);
        this.withoutVotes = withoutVotes;
        this.headlines = Map.copyOf(headlines);
        for (int i = 0; i < precedence.size(); i++) {
            rank.put(precedence.get(i), i);
        }
    }

    public List<Advice> precedence() {
        return precedence;
    }

    public Advice withoutVotes() {
        return withoutVotes;
    }

    /** 0 for the strongest advice. */
    public int rank(Advice advice) {
        return rank.get(advice);
    }

    public String headline(Advice advice, String reason, String referTo, LocalDate revisitOn) {
        String template;
        if (reason == null) {
            template = headlines.get("WITHOUT_VOTES");
        } else if (advice == Advice.REFER) {
            template = headlines.get(referTo == null ? "REFER_WITHOUT_COMPETITOR" : "REFER");
        } else if (advice == Advice.WAIT) {
            template = headlines.get(revisitOn == null ? "WAIT" : "WAIT_UNTIL");
        } else {
            template = headlines.get(advice.name());
        }
        return template.replace("{reason}", reason == null ? "" : reason)
                .replace("{referTo}", referTo == null ? "" : referTo)
                .replace("{revisitOn}", revisitOn == null ? "" : revisitOn.toString());
    }
}

package io.dealadvisor.engine;

/** A rule failed while deciding a deal (a fault in the rules, never in the deal): names the rule. */
public class EvaluationException extends RuntimeException {

    private final String rule;

    public EvaluationException(String rule, String message, Throwable cause) {
        super(message, cause);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}

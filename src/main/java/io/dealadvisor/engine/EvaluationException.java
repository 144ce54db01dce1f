package io.dealadvisor.engine;

import org.drools.mvel.ConstraintEvaluationException;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A rule failed while deciding a deal (a fault in the rules, never in the deal): names the rule, as well as it can
 * be known, and what went wrong at the root.
 */
public class EvaluationException extends RuntimeException {

    /**
     * How Drools names the rules of a condition that threw: {@code ... in [Rule "name" in file.drl]}, or
     * {@code [Rule "one", "other" in file.drl] [Rule "third" in other.drl]} when rules share the condition.
     */
    private static final Pattern CONDITION_OF_RULES = Pattern.compile("\\[Rule (\"[^\"]+\"(?:, \"[^\"]+\")*)");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");

    private final String rule;

    public EvaluationException(String rule, String message, Throwable cause) {
        super(message, cause);
        this.rule = rule;
    }

    /** The consequence of {@code rule} threw {@code error}. */
    static EvaluationException inConsequence(String rule, Throwable error) {
        return new EvaluationException(rule, "rule '" + rule + "' failed: " + rootMessage(error), error);
    }

    /**
     * What Drools passed on as it was thrown, named as well as it can be: the rules of the condition that threw
     * (Drools names them), the rule whose consequence was running ({@code consequence}, an {@code Error} it threw), or,
     * with neither, the conditions (an {@code eval}, say, which Drools does not name): never the last rule that fired,
     * which had finished.
     */
    static EvaluationException thrown(Throwable error, String consequence) {
        String message = String.valueOf(error.getMessage());
        Matcher condition = CONDITION_OF_RULES.matcher(message);
        Set<String> rules = new LinkedHashSet<>();
        while (error instanceof ConstraintEvaluationException && condition.find()) { // a group per file
            Matcher name = QUOTED.matcher(condition.group(1));
            while (name.find()) {
                rules.add(name.group(1));
            }
        }
        if (!rules.isEmpty()) {
            String named = rules.stream().map(rule -> "'" + rule + "'").collect(Collectors.joining(", "))
                    + (message.contains("and in more rules") ? " and more" : "");
            return new EvaluationException(rules.iterator().next(), (named.contains(", ") ? "rules " : "rule ")
                    + named + " failed in " + (named.contains(", ") ? "their" : "its") + " condition: "
                    + rootMessage(error), error);
        }
        if (consequence != null) {
            return inConsequence(consequence, error);
        }
        return new EvaluationException(null, "a rule's condition failed: " + rootMessage(error), error);
    }

    public String rule() {
        return rule;
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}

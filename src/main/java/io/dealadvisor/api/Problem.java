package io.dealadvisor.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dealadvisor.engine.EvaluationException;
import io.dealadvisor.engine.RuleProblem;
import io.dealadvisor.intake.FieldError;

import java.util.List;

/**
 * An RFC 9457 problem document. Bad input carries {@code errors} (field and message); a refused rules
 * reload carries {@code problems} (file, line, message).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors,
                      List<RuleProblem> problems) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPES = "urn:deal-advisor:problem:";

    public static Problem invalidDeal(List<FieldError> errors) {
        return new Problem(TYPES + "invalid-deal", "The deal is not valid", 400,
                errors.size() == 1 ? errors.get(0).toString()
                        : errors.size() + " fields are not valid; see errors", errors, null);
    }

    /** An outcome report whose fields are not valid, each named in {@code errors}. */
    public static Problem invalidOutcome(List<FieldError> errors) {
        return new Problem(TYPES + "invalid-outcome", "The outcome is not valid", 400,
                errors.size() == 1 ? errors.get(0).toString()
                        : errors.size() + " fields are not valid; see errors", errors, null);
    }

    /** An erasure request that is not valid, what is wrong named in {@code errors}. */
    public static Problem invalidErasure(List<FieldError> errors) {
        return new Problem(TYPES + "invalid-erasure", "The erasure is not valid", 400,
                errors.size() == 1 ? errors.get(0).toString()
                        : errors.size() + " fields are not valid; see errors", errors, null);
    }

    /** Query or path parameters that are not valid, each named in {@code errors}. */
    public static Problem invalidParameters(List<FieldError> errors) {
        return new Problem(TYPES + "invalid-parameter", "A parameter is not valid", 400,
                errors.size() == 1 ? errors.get(0).toString()
                        : errors.size() + " parameters are not valid; see errors", errors, null);
    }

    public static Problem of(String type, String title, int status, String detail) {
        return new Problem(TYPES + type, title, status, detail, null, null);
    }

    public static Problem rulesRejected(List<RuleProblem> problems) {
        return new Problem(TYPES + "rules-rejected", "The rules were not loaded", 422,
                problems.size() + " problem(s) in the rules folder; the previous ruleset is still serving",
                null, problems);
    }

    public static Problem ruleFailed(EvaluationException failure) {
        return of("rule-failed", "A rule failed while deciding the deal", 500, failure.getMessage());
    }

    /** The same problem with every field path prefixed, for one deal of a batch. */
    public Problem prefixed(String prefix) {
        return errors == null ? this : invalidDeal(errors.stream().map(error -> error.prefixed(prefix)).toList());
    }
}

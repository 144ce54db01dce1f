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

    /** Field errors listed in one problem document; the detail says how many more there were. */
    public static final int MAX_ERRORS = 100;

    public static Problem invalidDeal(List<FieldError> errors) {
        return invalid("invalid-deal", "The deal is not valid", "fields", errors);
    }

    /** An outcome report whose fields are not valid, each named in {@code errors}. */
    public static Problem invalidOutcome(List<FieldError> errors) {
        return invalid("invalid-outcome", "The outcome is not valid", "fields", errors);
    }

    /** An erasure request that is not valid, what is wrong named in {@code errors}. */
    public static Problem invalidErasure(List<FieldError> errors) {
        return new Problem(TYPES + "invalid-erasure", "The erasure is not valid", 400,
                errors.size() == 1 ? errors.get(0).toString()
                        : errors.size() + " fields are not valid; see errors", errors, null);
    }

    /** Query or path parameters that are not valid, each named in {@code errors}. */
    public static Problem invalidParameters(List<FieldError> errors) {
        return invalid("invalid-parameter", "A parameter is not valid", "parameters", errors);
    }

    private static Problem invalid(String type, String title, String what, List<FieldError> errors) {
        if (errors.size() > MAX_ERRORS) {
            return new Problem(TYPES + type, title, 400, errors.size() + " " + what + " are not valid; errors lists"
                    + " the first " + MAX_ERRORS + " (" + (errors.size() - MAX_ERRORS) + " more not listed)",
                    List.copyOf(errors.subList(0, MAX_ERRORS)), null);
        }
        return new Problem(TYPES + type, title, 400, errors.size() == 1 ? errors.get(0).toString()
                : errors.size() + " " + what + " are not valid; see errors", errors, null);
    }

    /** A body longer than the service reads. */
    public static Problem bodyTooLarge(String limit) {
        return of("body-too-large", "Request body too large", 413, "a request body may hold at most " + limit
                + "; send large pipelines as several batches");
    }

    public static Problem of(String type, String title, int status, String detail) {
        return new Problem(TYPES + type, title, status, detail, null, null);
    }

    /**
     * A request that came once this replica had begun to stop, before or after it was decided: the one document for
     * both (api.ProblemMappers and ops.GracefulStop), sent with {@code Retry-After: 1}.
     */
    public static Problem stopping() {
        return of("stopping", "The service is stopping", 503, "this replica is shutting down; send the request again");
    }

    public static Problem rulesRejected(List<RuleProblem> problems) {
        return new Problem(TYPES + "rules-rejected", "The rules were not loaded", 422,
                problems.size() + " problem(s) in the rules folder; the previous ruleset is still serving",
                null, problems);
    }

    public static Problem ruleFailed(EvaluationException failure) {
        return of("rule-failed", "A rule failed while deciding the deal", 500, failure.getMessage());
    }
}

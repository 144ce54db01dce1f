package io.dealadvisor.api;

import io.dealadvisor.records.DecisionCursor;
import io.dealadvisor.records.DecisionQuery;
import jakarta.ws.rs.QueryParam;

/**
 * The query parameters of the decision listing, bound by JAX-RS ({@code @BeanParam}); the export reads the
 * filter among them. Each is checked when read, and a request with any that is not valid is refused naming all.
 */
public class DecisionParameters {

    @QueryParam("dealId")
    String dealId;
    @QueryParam("advice")
    String advice;
    @QueryParam("rulesetVersion")
    String rulesetVersion;
    @QueryParam("from")
    String from;
    @QueryParam("to")
    String to;
    @QueryParam("limit")
    String limit;
    @QueryParam("cursor")
    String cursor;

    /** A page of the listing: which decisions, how many, after which. */
    record Page(DecisionQuery query, int size, DecisionCursor after) {
    }

    /** @throws InvalidRequestException naming every parameter that is not valid */
    Page page() {
        QueryParameters read = new QueryParameters();
        Page page = new Page(read.query(dealId, advice, rulesetVersion, from, to), read.limit(limit),
                read.cursor(cursor));
        read.valid();
        return page;
    }

    /**
     * The export's filter: deal, advice and period (the other parameters are not the export's).
     *
     * @throws InvalidRequestException naming every parameter that is not valid
     */
    DecisionQuery filter() {
        return QueryParameters.validQuery(dealId, advice, null, from, to);
    }
}

package io.dealadvisor.api;

import io.dealadvisor.records.DecisionCursor;
import io.dealadvisor.records.DecisionQuery;
import jakarta.ws.rs.QueryParam;

import java.util.List;

/**
 * The query parameters of the decision listing, bound by JAX-RS ({@code @BeanParam}); the export reads the
 * filter among them. Each is checked when read, and a request with any that is not valid is refused naming all.
 */
public class DecisionParameters {

    // each as a list, so that one given twice is refused rather than read as its first
    @QueryParam("dealId")
    List<String> dealId;
    @QueryParam("advice")
    List<String> advice;
    @QueryParam("rulesetVersion")
    List<String> rulesetVersion;
    @QueryParam("from")
    List<String> from;
    @QueryParam("to")
    List<String> to;
    @QueryParam("limit")
    List<String> limit;
    @QueryParam("cursor")
    List<String> cursor;

    /** A page of the listing: which decisions, how many, after which. */
    record Page(DecisionQuery query, int size, DecisionCursor after) {
    }

    /** @throws InvalidRequestException naming every parameter that is not valid */
    Page page() {
        QueryParameters read = new QueryParameters();
        Page page = new Page(read.query(read.once("dealId", dealId), read.once("advice", advice),
                read.once("rulesetVersion", rulesetVersion), read.once("from", from), read.once("to", to)),
                read.limit(read.once("limit", limit)), read.cursor(read.once("cursor", cursor)));
        read.valid();
        return page;
    }

    /**
     * The export's filter: deal, advice and period (the other parameters are not the export's).
     *
     * @throws InvalidRequestException naming every parameter that is not valid
     */
    DecisionQuery filter() {
        QueryParameters read = new QueryParameters();
        DecisionQuery filter = read.query(read.once("dealId", dealId), read.once("advice", advice), null,
                read.once("from", from), read.once("to", to));
        read.valid();
        return filter;
    }
}

package io.dealadvisor.api;

import io.dealadvisor.records.DecisionQuery;
import jakarta.ws.rs.QueryParam;

/**
 * A period of decisions, {@code from} (inclusive) and {@code to} (exclusive), bound by JAX-RS ({@code @BeanParam})
 * and read as the decision listing reads them.
 */
public class PeriodParameters {

    @QueryParam("from")
    String from;
    @QueryParam("to")
    String to;

    /**
     * The period as a query of every decision in it (its start and end, when given).
     *
     * @throws InvalidRequestException naming every parameter that is not valid
     */
    DecisionQuery period() {
        return QueryParameters.validQuery(null, null, null, from, to);
    }
}

package io.dealadvisor.api;

import io.dealadvisor.records.DecisionQuery;
import jakarta.ws.rs.QueryParam;

import java.util.List;

/**
 * A period of decisions, {@code from} (inclusive) and {@code to} (exclusive), bound by JAX-RS ({@code @BeanParam})
 * and read as the decision listing reads them.
 */
public class PeriodParameters {

    // as lists, so that one given twice is refused rather than read as its first
    @QueryParam("from")
    List<String> from;
    @QueryParam("to")
    List<String> to;

    /**
     * The period as a query of every decision in it (its start and end, when given).
     *
     * @throws InvalidRequestException naming every parameter that is not valid
     */
    DecisionQuery period() {
        QueryParameters read = new QueryParameters();
        DecisionQuery period = read.query(null, null, null, read.once("from", from), read.once("to", to));
        read.valid();
        return period;
    }
}

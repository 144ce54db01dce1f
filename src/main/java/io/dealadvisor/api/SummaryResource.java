package io.dealadvisor.api;

import io.dealadvisor.records.DecisionFigures;
import io.dealadvisor.records.DecisionQuery;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;

/** Decisions counted per UTC day and advice by the database, for analysts and the page's charts; no deal in it. */
@Path("/v1/decisions/summary")
public class SummaryResource {

    /** The days that have decisions, oldest first, each with the count of every advice. */
    public record Summary(List<Map<String, Object>> days) {
    }

    private final DecisionFigures figures;

    public SummaryResource(DecisionFigures figures) {
        this.figures = figures;
    }

    /** {@code from} (inclusive) and {@code to} (exclusive) are read as the decision listing reads them. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response summary(@BeanParam PeriodParameters period) {
        DecisionQuery range = period.period();
        return Response.ok(new Summary(figures.perDay(range.from(), range.to()))).build();
    }
}

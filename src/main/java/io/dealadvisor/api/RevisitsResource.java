package io.dealadvisor.api;

import io.dealadvisor.records.DecisionFigures;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.DateTimeException;
import java.util.List;
import java.util.UUID;

/**
 * The deals to call back: those whose latest decision was to wait until a day on or before {@code dueBy} (default
 * today, UTC), soonest first, paged like the decision listing.
 */
@Path("/v1/revisits")
public class RevisitsResource {

    /** A page of revisits, and the cursor of the next page (null on the last). */
    public record RevisitList(List<DecisionFigures.Revisit> revisits, String next) {
    }

    private final DecisionFigures figures;

    public RevisitsResource(DecisionFigures figures) {
        this.figures = figures;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response revisits(@QueryParam("dueBy") List<String> dueByValues, @QueryParam("limit") List<String> limit,
                             @QueryParam("cursor") List<String> cursor) { // lists: one given twice is refused
        QueryParameters parameters = new QueryParameters();
        LocalDate due = LocalDate.now(ZoneOffset.UTC);
        String dueBy = parameters.once("dueBy", dueByValues);
        if (dueBy != null) {
            try {
                due = LocalDate.parse(dueBy);
            } catch (DateTimeException e) {
                parameters.error("dueBy", "must be an ISO date, such as 2026-12-20");
            }
            try {
                QueryParameters.storable(due);
            } catch (DateTimeException e) {
                parameters.error("dueBy", "must be in the years 0000 to 9999");
            }
        }
        int size = parameters.limit(parameters.once("limit", limit));
        DecisionFigures.RevisitCursor after = parameters.after(parameters.once("cursor", cursor),
                (day, id) -> new DecisionFigures.RevisitCursor(QueryParameters.storable(LocalDate.parse(day)),
                        UUID.fromString(id)));
        parameters.valid();
        List<DecisionFigures.Revisit> page = figures.revisits(due, after, size + 1);
        if (page.size() <= size) {
            return Response.ok(new RevisitList(page, null)).build();
        }
        DecisionFigures.Revisit last = page.get(size - 1);
        return Response.ok(new RevisitList(page.subList(0, size), QueryParameters.next(last.revisitOn(),
                last.decisionId()))).build();
    }
}

package io.dealadvisor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealadvisor.intake.FieldError;
import io.dealadvisor.intake.ShapedReader;
import io.dealadvisor.records.DecisionQuery;
import io.dealadvisor.records.DecisionRecorder;
import io.dealadvisor.records.DecisionStore;
import io.dealadvisor.records.DecisionSummary;
import io.dealadvisor.records.OutcomeStore;
import io.dealadvisor.records.RecordedOutcome;
import io.dealadvisor.records.StoredDecision;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The recorded decisions, for auditors: listed newest first, one by id, or all exported as NDJSON; and the outcome
 * of a decision, reported by the sales systems.
 */
@Path("/v1/decisions")
public class DecisionsResource {

    public static final String NDJSON = "application/x-ndjson";
    private static final Logger LOG = Logger.getLogger(DecisionsResource.class);
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /**
     * How long an outcome for a decision not found waits for the decisions still buffered here to be written: a
     * report may follow its answer by milliseconds.
     */
    private static final Duration BUFFER_PATIENCE = Duration.ofSeconds(3);
    /** A decision id younger than this may still wait in another replica's buffer; a 404 for it says so. */
    private static final Duration RECENT = Duration.ofMinutes(1);
    /** How far ahead of this one another replica's clock may run. */
    private static final Duration CLOCK_DRIFT = Duration.ofSeconds(5);

    private final DecisionStore store;
    private final OutcomeStore outcomes;
    private final DecisionRecorder recorder;
    private final ObjectMapper mapper;
    private final ShapedReader<OutcomeReport> outcomeReader;
    private final SecurityIdentity identity;
    private final BodiesInFlight inFlight;

    public DecisionsResource(DecisionStore store, OutcomeStore outcomes, DecisionRecorder recorder,
                             ObjectMapper mapper, SecurityIdentity identity, BodiesInFlight inFlight) {
        this.identity = identity;
        this.inFlight = inFlight;
        this.store = store;
        this.outcomes = outcomes;
        this.recorder = recorder;
        this.mapper = mapper;
        this.outcomeReader = OutcomeReport.reader(mapper);
    }

    /** A page of the listing, and the cursor of the next page (null on the last). */
    public record DecisionList(List<DecisionSummary> decisions, String next) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@BeanParam DecisionParameters parameters) {
        DecisionParameters.Page asked = parameters.page();
        DecisionStore.Page page = store.page(asked.query(), asked.after(), asked.size());
        return Response.ok(new DecisionList(page.decisions(), page.next() == null ? null : page.next().token()))
                .build();
    }

    /** Every matching record, oldest first, one JSON document a line, written as it is read. */
    @GET
    @Path("/export")
    @Produces(NDJSON)
    public Response export(@BeanParam DecisionParameters parameters) {
        DecisionQuery query = parameters.filter();
        StreamingOutput lines = output -> {
            long[] written = {0};
            try {
                store.export(query, decision -> {
                    output.write(json(decision));
                    output.write('\n');
                    written[0]++;
                });
            } catch (RuntimeException e) {
                // The status is sent by now: all the caller sees is a body cut short, so say here why.
                LOG.errorf(e, "An export of decision records stopped after %d records", written[0]);
                throw e;
            }
        };
        return Response.ok(lines, NDJSON).build();
    }

    /** A record as JSON. A failure here is the service's, unlike an IOException from the caller going away. */
    private byte[] json(StoredDecision decision) {
        try {
            return mapper.writeValueAsBytes(decision);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("decision " + decision.decisionId() + " cannot be written as JSON", e);
        }
    }

    @GET
    @Path("/{decisionId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response one(@PathParam("decisionId") String decisionId) {
        return store.find(id(decisionId))
                .map(decision -> Response.ok(decision).build())
                .orElseThrow(() -> new NotFoundException("no decision " + decisionId + " is recorded"));
    }

    /**
     * Stores what became of a decided deal, replacing an earlier report. The body is read as it arrives, held to the
     * body limit by the JSON parser (chunked or not), so that even JSON that cannot be parsed is answered as a bad
     * outcome. A decision answered moments ago may still be in this replica's buffer: then the report waits,
     * briefly, for it to be written.
     */
    @PUT
    @Path("/{decisionId}/outcome")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response report(@PathParam("decisionId") String decisionId, InputStream body) throws IOException {
        UUID id = id(decisionId);
        OutcomeReport.Reading reading;
        try (BodiesInFlight.Reading arriving = inFlight.begin(identity)) {
            reading = OutcomeReport.read(mapper, outcomeReader, body);
        }
        if (reading.report() == null) {
            throw new InvalidRequestException(InvalidRequestException.Kind.OUTCOME, reading.errors());
        }
        RecordedOutcome outcome = reading.report().toRecorded(
                identity.isAnonymous() ? null : identity.getPrincipal().getName());
        if (outcomes.report(id, outcome)) {
            return Response.ok(outcome).build();
        }
        boolean allWritten = recorder.awaitBuffered(BUFFER_PATIENCE);
        if (outcomes.report(id, outcome)) {
            return Response.ok(outcome).build();
        }
        String detail = allWritten && !recent(id) ? "no decision " + decisionId + " is recorded"
                : "no decision " + decisionId + " is recorded yet; one answered moments ago may still be waiting"
                        + " to be written, so try again shortly";
        throw new NotFoundException(detail);
    }

    /** The decision id of the path, when it is a UUID. */
    private static UUID id(String decisionId) {
        if (!UUID_TEXT.matcher(decisionId).matches()) {
            throw new InvalidRequestException(InvalidRequestException.Kind.PARAMETERS, List.of(
                    new FieldError("decisionId", "must be a UUID, e.g. 0193b5e2-7c1a-7d3e-9a41-2f6c8e0b5d17")));
        }
        return UUID.fromString(decisionId);
    }

    /**
     * Whether a decision id (a UUID version 7 holds when it was made) was made within {@link #RECENT}; an id from the
     * future (beyond a replica's clock drift) is not one this service made moments ago.
     */
    private static boolean recent(UUID id) {
        if (id.version() != 7) {
            return false;
        }
        Instant made = Instant.ofEpochMilli(id.getMostSignificantBits() >>> 16);
        Instant now = Instant.now();
        return made.isAfter(now.minus(RECENT)) && made.isBefore(now.plus(CLOCK_DRIFT));
    }
}

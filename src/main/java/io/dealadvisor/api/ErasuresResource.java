package io.dealadvisor.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealadvisor.intake.BodyTooLargeException;
import io.dealadvisor.intake.FieldError;
import io.dealadvisor.intake.Ids;
import io.dealadvisor.intake.JacksonErrors;
import io.dealadvisor.records.Erasures;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Erasure of what the decision records hold about a client or a deal, for the privacy officer (role
 * {@code privacy}), and the log of erasures, which never shows the erased id.
 */
@Path("/v1/erasures")
public class ErasuresResource {

    private static final int MAX_ID = Ids.MAX_LENGTH;

    private final Erasures erasures;
    private final SecurityIdentity identity;
    private final BodiesInFlight inFlight;
    private final ObjectMapper mapper;

    public ErasuresResource(Erasures erasures, SecurityIdentity identity, ObjectMapper mapper,
                            BodiesInFlight inFlight) {
        this.inFlight = inFlight;
        this.erasures = erasures;
        this.identity = identity;
        this.mapper = mapper;
    }

    /** A page of the log, newest first, and the cursor of the next page (null on the last). */
    public record ErasureLog(List<Erasures.Erasure> erasures, String next) {
    }

    /**
     * Read as it arrives, held to the body limit by the JSON parser (chunked or not), keeping only the two ids, so that a body that is
     * not JSON is answered as a bad erasure, naming what is wrong, and no body costs more than its limit.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response erase(InputStream body) throws IOException {
        List<FieldError> errors = new ArrayList<>();
        Erasures.Subject subject;
        try (BodiesInFlight.Reading reading = inFlight.begin(identity)) {
            subject = subject(body, errors);
        }
        if (subject == null) {
            throw new InvalidRequestException(InvalidRequestException.Kind.ERASURE, errors);
        }
        Erasures.Erasure erasure = erasures.erase(subject,
                identity.isAnonymous() ? null : identity.getPrincipal().getName());
        return Response.status(Response.Status.CREATED).entity(erasure).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ErasureLog list(@QueryParam("limit") List<String> limit, @QueryParam("cursor") List<String> cursor) {
        QueryParameters parameters = new QueryParameters();
        int size = parameters.limit(parameters.once("limit", limit));
        Erasures.Cursor after = parameters.after(parameters.once("cursor", cursor), (at, id) -> new Erasures.Cursor(
                Instant.ofEpochMilli(Long.parseLong(at)), UUID.fromString(id).toString()));
        parameters.valid();
        List<Erasures.Erasure> page = erasures.list(after, size + 1);
        if (page.size() <= size) {
            return new ErasureLog(page, null);
        }
        Erasures.Erasure last = page.get(size - 1);
        return new ErasureLog(page.subList(0, size),
                QueryParameters.next(last.at().toEpochMilli(), last.erasureId()));
    }

    private Erasures.Subject subject(InputStream body, List<FieldError> errors) throws IOException {
        String clientId = null;
        String dealId = null;
        try (JsonParser parser = mapper.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                errors.add(new FieldError("", "must be a JSON object with a clientId or a dealId"));
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "clientId" -> clientId = id(parser, field, errors);
                    case "dealId" -> dealId = id(parser, field, errors);
                    default -> parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                errors.add(JacksonErrors.trailingContent(parser));
                return null;
            }
        } catch (JsonProcessingException e) {
            if (BodyTooLargeException.isDocumentLength(e)) {
                throw new BodyTooLargeException();
            }
            errors.add(JacksonErrors.toFieldError(e));
            return null;
        }
        if (!errors.isEmpty()) {
            return null;
        }
        if ((clientId == null) == (dealId == null)) {
            errors.add(new FieldError("", "must name exactly one of clientId and dealId"));
            return null;
        }
        return new Erasures.Subject(clientId, dealId);
    }

    /** The id at the parser's current value: null when absent or null, else a text of 1 to 128 characters. */
    private static String id(JsonParser parser, String field, List<FieldError> errors) throws IOException {
        JsonToken value = parser.currentToken();
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        String text = value == JsonToken.VALUE_STRING ? parser.getText() : null;
        if (text == null || text.isEmpty() || text.length() > MAX_ID) {
            parser.skipChildren();
            errors.add(new FieldError(field, "must be a text of 1 to " + MAX_ID + " characters"));
            return null;
        }
        String problem = Ids.problem(text); // an id no deal could have, or that a driver would change on its way in
        if (problem != null) {
            errors.add(new FieldError(field, problem));
            return null;
        }
        return text;
    }
}

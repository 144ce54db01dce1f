package io.dealadvisor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealadvisor.intake.FieldError;
import io.dealadvisor.intake.JacksonErrors;
import io.dealadvisor.records.Erasures;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.List;

/**
 * Erasure of what the decision records hold about a client or a deal, for the privacy officer (role
 * {@code privacy}), and the log of erasures, which never shows the erased id.
 */
@Path("/v1/erasures")
public class ErasuresResource {

    /** Erasures listed, newest first. */
    static final int LISTED = 1000;
    private static final int MAX_ID = 128;

    private final Erasures erasures;
    private final SecurityIdentity identity;
    private final ObjectMapper mapper;

    public ErasuresResource(Erasures erasures, SecurityIdentity identity, ObjectMapper mapper) {
        this.erasures = erasures;
        this.identity = identity;
        this.mapper = mapper;
    }

    /** The log: newest first. */
    public record ErasureLog(List<Erasures.Erasure> erasures) {
    }

    /** Read as text so that a body that is not JSON is answered as a bad erasure, naming what is wrong. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response erase(String body) {
        List<FieldError> errors = new ArrayList<>();
        Erasures.Subject subject = subject(body, errors);
        if (subject == null) {
            throw new InvalidRequestException(InvalidRequestException.Kind.ERASURE, errors);
        }
        Erasures.Erasure erasure = erasures.erase(subject,
                identity.isAnonymous() ? null : identity.getPrincipal().getName());
        return Response.status(Response.Status.CREATED).entity(erasure).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ErasureLog list() {
        return new ErasureLog(erasures.list(LISTED));
    }

    private Erasures.Subject subject(String body, List<FieldError> errors) {
        JsonNode json;
        try {
            json = mapper.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            errors.add(JacksonErrors.toFieldError(e));
            return null;
        }
        if (json == null || !json.isObject()) {
            errors.add(new FieldError("", "must be a JSON object with a clientId or a dealId"));
            return null;
        }
        String clientId = id(json, "clientId", errors);
        String dealId = id(json, "dealId", errors);
        if (!errors.isEmpty()) {
            return null;
        }
        if ((clientId == null) == (dealId == null)) {
            errors.add(new FieldError("", "must name exactly one of clientId and dealId"));
            return null;
        }
        return new Erasures.Subject(clientId, dealId);
    }

    private static String id(JsonNode json, String field, List<FieldError> errors) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().isEmpty() || value.asText().length() > MAX_ID) {
            errors.add(new FieldError(field, "must be a text of 1 to " + MAX_ID + " characters"));
            return null;
        }
        return value.asText();
    }
}

package io.dealadvisor.api;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.dealadvisor.engine.Advisor;
import io.dealadvisor.engine.CandidateRegistry;
import io.dealadvisor.engine.RulesSlot;
import io.dealadvisor.engine.RulesetRegistry;
import io.dealadvisor.records.ShadowFigures;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.List;

/** The shadow candidate against the live rules on the deals that really came in (docs/shadow.md). */
@Path("/v1/shadow")
@Produces(MediaType.APPLICATION_JSON)
public class ShadowResource {

    @JsonPropertyOrder({"live", "candidate", "compared", "differ", "skipped", "transitions", "examples"})
    public record ShadowView(Live live, Candidate candidate, long compared, long differ, long skipped,
                             List<ShadowFigures.Transition> transitions, List<ShadowFigures.Example> examples) {
    }

    public record Live(String version) {
    }

    /** The candidate as loaded; {@code version} and {@code loadedAt} are null while no candidate has loaded. */
    @JsonPropertyOrder({"version", "loadedAt", "dir", "lastReloadError"})
    public record Candidate(String version, Instant loadedAt, String dir, RulesSlot.FailedReload lastReloadError) {
    }

    private final RulesetRegistry live;
    private final CandidateRegistry candidates;
    private final ShadowFigures figures;

    public ShadowResource(RulesetRegistry live, CandidateRegistry candidates, ShadowFigures figures) {
        this.live = live;
        this.candidates = candidates;
        this.figures = figures;
    }

    /**
     * Answered as a {@link Response}, like the evidence: its transitions carry the evidence's groups, which are
     * written by Jackson at run time as they are for {@code GET /v1/evidence} (a null rate stays in the document).
     */
    @GET
    public Response shadow() {
        return Response.ok(view()).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    private ShadowView view() {
        Live serving = new Live(live.current().version());
        if (candidates.slot().isEmpty()) {
            return new ShadowView(serving, null, 0, 0, 0, List.of(), List.of());
        }
        RulesSlot slot = candidates.slot().get();
        RulesSlot.Snapshot snapshot = slot.snapshot();
        Advisor advisor = snapshot.advisor();
        Candidate candidate = new Candidate(advisor == null ? null : advisor.version(),
                advisor == null ? null : advisor.ruleset().stamp().loadedAt(),
                slot.directory().toAbsolutePath().normalize().toString(), snapshot.lastFailure());
        if (advisor == null) {
            return new ShadowView(serving, candidate, 0, 0, 0, List.of(), List.of());
        }
        ShadowFigures.Figures counted = figures.of(advisor.version());
        return new ShadowView(serving, candidate, counted.compared(), counted.differ(), counted.skipped(),
                counted.transitions(), counted.examples());
    }
}

package io.dealadvisor.api.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.dealadvisor.wire.AdviceDocument;
import io.dealadvisor.DealAdvisorConfig;
import io.dealadvisor.domain.Advice;
import io.dealadvisor.domain.Reason;
import io.dealadvisor.domain.RulesetStamp;
import io.dealadvisor.domain.Verdict;
import io.dealadvisor.intake.DealBodies;
import io.dealadvisor.intake.DealReader;
import io.dealadvisor.intake.InvalidDealException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The HTTP ceiling for benchmarks (docs/benchmarks.md): a deal is read and checked exactly as by
 * {@code POST /v1/qualifications}, then a constant advice of a typical size is written the same way, without
 * evaluating any rule. The flag is read at run time, so the same jar serves both; switched off, the path answers 404.
 */
@Path("/bench/constant")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ConstantResource {

    private static final AdviceDocument CONSTANT = AdviceDocument.of(new Verdict("BENCH-CONSTANT", Advice.WAIT,
            "Wait until 2026-12-15: Security review is pending, due 2026-12-15.", LocalDate.of(2026, 12, 15), null,
            List.of(new Reason("A pending milestone of the client's holds the sale until it is reached",
                    "NO_PUSH_BEFORE_MILESTONES", Advice.WAIT, "Security review is pending, due 2026-12-15")),
            List.of("Let the client reach Security review before asking for a decision."), List.of(),
            new RulesetStamp("constant", Instant.EPOCH)));

    private final boolean enabled;
    private final DealBodies bodies;
    private final ObjectWriter writer;

    public ConstantResource(DealAdvisorConfig config, DealBodies bodies, ObjectMapper mapper) {
        this.enabled = config.bench().enabled();
        this.bodies = bodies;
        this.writer = mapper.writerFor(AdviceDocument.class);
    }

    @POST
    public byte[] constant(InputStream body) throws IOException {
        if (!enabled) {
            throw new NotFoundException();
        }
        DealReader.Reading deal = bodies.readDeal(body);
        if (!deal.ok()) {
            throw new InvalidDealException(deal.errors());
        }
        return writer.writeValueAsBytes(CONSTANT);
    }
}

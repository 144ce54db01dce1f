package io.dealadvisor.api;

import io.dealadvisor.intake.FieldError;
import io.dealadvisor.records.DecisionRecorder;
import io.dealadvisor.records.IdempotencyKeys;
import io.dealadvisor.records.MaybeRecordedException;
import io.dealadvisor.ops.LogText;
import io.dealadvisor.records.StoreUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The {@code Idempotency-Key} of a qualification: a retry with the same key and body gets the first answer again,
 * byte for byte, with the same decision ids and {@code Idempotent-Replayed: true}, and makes no record; the same
 * key with another body gets {@code 422}. Only answers of status 200 are kept: a problem is the same for the same
 * body anyway. With recording off the header is ignored; while the store cannot be reached, a keyed request is
 * answered like any other (answers never wait on the store), and that is logged; with {@code durability=sync} it
 * is refused with {@code 503} then, like any other qualification.
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    private static final Pattern VISIBLE_ASCII = Pattern.compile("[\\x21-\\x7E]{1,128}");
    private static final Logger LOG = Logger.getLogger(Idempotency.class);
    /** Tries of a claim while the store answers: waits of 10, 20, 40 and 80 ms between them. */
    private static final int CLAIM_ATTEMPTS = 5;

    private final IdempotencyKeys keys;
    private final DecisionRecorder recorder;

    public Idempotency(IdempotencyKeys keys, DecisionRecorder recorder) {
        this.keys = keys;
        this.recorder = recorder;
    }

    /**
     * A request body read through a SHA-256 when it carries a key: the hash covers the bytes as sent, taken while
     * the deals are read from them, so a keyed body is read once like any other. A batch's hash covers the path too,
     * so that a key first sent with a batch and then to the single endpoint (or the other way round) is a key
     * reused for another request, not a replay of the other endpoint's answer. A single deal's is the body's alone,
     * as keys stored by earlier versions have it; for a batch the body's alone is taken too, to match the keys of
     * batches those versions stored (within the window after an upgrade).
     */
    public static final class HashedBody {
        private static final byte[] BATCH = "POST /v1/qualifications/batch\n".getBytes(StandardCharsets.US_ASCII);

        private final InputStream stream;
        private final MessageDigest digest;
        private final MessageDigest bodyAlone;

        private HashedBody(InputStream stream, MessageDigest digest, MessageDigest bodyAlone) {
            this.stream = stream;
            this.digest = digest;
            this.bodyAlone = bodyAlone;
        }

        public static HashedBody of(InputStream body, String key, boolean batch) {
            if (key == null) {
                return new HashedBody(body, null, null);
            }
            try {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                if (!batch) {
                    return new HashedBody(new DigestInputStream(body, digest), digest, null);
                }
                digest.update(BATCH);
                MessageDigest bodyAlone = MessageDigest.getInstance("SHA-256");
                return new HashedBody(new DigestInputStream(new DigestInputStream(body, bodyAlone), digest), digest,
                        bodyAlone);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
        }

        public InputStream stream() {
            return stream;
        }

        /** The hash of the bytes read so far (the whole body, once its deals are read); null without a key. */
        public String sha256() {
            return digest == null ? null : HexFormat.of().formatHex(digest.digest());
        }

        /** A batch's hash as versions before the path was hashed kept it; null for a single deal. */
        String earlierSha256() {
            return bodyAlone == null ? null : HexFormat.of().formatHex(bodyAlone.digest());
        }
    }

    /** An answer to keep: its body as sent and the decision ids it carries. */
    public record Answered(byte[] body, List<String> decisionIds) {
    }

    /**
     * The request's key, null without the header. Read from the headers themselves: a header parameter takes a header
     * sent empty for one not sent, and an empty key is to be refused like any other that is not 1 to 128 characters,
     * and it takes the first of two keys silently.
     */
    public String keyOf(HttpHeaders headers) {
        List<String> keys = headers.getRequestHeader(HEADER);
        if (!recorder.enabled()) {
            return null; // ignored with the records off, however it is sent
        }
        if (keys != null && keys.size() > 1) { // which one would the caller's retry send?
            throw new InvalidRequestException(InvalidRequestException.Kind.PARAMETERS, List.of(new FieldError(HEADER,
                    "must be sent once, not " + keys.size() + " times")));
        }
        return keys == null || keys.isEmpty() ? null : keys.get(0);
    }

    /**
     * Answers with {@code answer}, or with the answer a retry of the same request got before.
     *
     * <p>A single qualification with {@code durability=sync} hands its claim to {@code answer}, to be answered in its
     * record's transaction: its answer waits for that commit anyway, and a wait that ends first ({@code 503},
     * {@link MaybeRecordedException}) keeps the claim, so that a retry finds the decision once its record is
     * committed rather than deciding the deal again. Otherwise {@code answer} gets null and the answer is kept here.
     *
     * @param body   the request's body as read through its hash ({@link HashedBody}), read to its end
     * @param single whether the answer carries its one decision id in the {@code Decision-Id} header
     * @param answer makes the answer, given the claim to answer with its record (null: none)
     */
    public Response answer(String key, HashedBody body, String caller, boolean single,
                           Function<IdempotencyKeys.Claimed, Answered> answer) {
        if (key == null || !recorder.enabled()) {
            return ok(answer.apply(null), single);
        }
        if (!VISIBLE_ASCII.matcher(key).matches()) {
            throw new InvalidRequestException(InvalidRequestException.Kind.PARAMETERS, List.of(new FieldError(HEADER,
                    "must be 1 to 128 visible ASCII characters (no spaces)")));
        }
        IdempotencyKeys.Claim claim = claim(caller, key, body.sha256(), body.earlierSha256());
        if (claim == null) {
            return ok(answer.apply(null), single);
        }
        if (claim instanceof IdempotencyKeys.Replay replay) {
            // an answer an erasure replaced is a problem document (410)
            Response.ResponseBuilder response = Response.status(replay.status()).entity(replay.body())
                    .type(replay.status() >= 400 ? Problem.MEDIA_TYPE : MediaType.APPLICATION_JSON)
                    .header(REPLAYED, "true");
            if (single && !replay.decisionIds().isEmpty()) {
                response.header(QualificationResource.DECISION_ID, replay.decisionIds().get(0));
            }
            return response.build();
        }
        if (claim instanceof IdempotencyKeys.Reused) {
            throw IdempotencyKeyConflict.reused();
        }
        if (claim instanceof IdempotencyKeys.InUse) {
            throw IdempotencyKeyConflict.stillInUse();
        }
        IdempotencyKeys.Claimed claimed = (IdempotencyKeys.Claimed) claim;
        boolean withRecord = single && recorder.sync();
        Answered answered;
        try {
            answered = answer.apply(withRecord ? claimed : null);
        } catch (MaybeRecordedException e) {
            if (!withRecord) {
                keys.release(claimed);
            }
            throw e; // kept with its record: if the record commits, so does the claim's answer
        } catch (RuntimeException | Error e) {
            keys.release(claimed);
            throw e;
        }
        if (!withRecord) {
            keys.answered(claimed, 200, answered.body(), answered.decisionIds());
        }
        return ok(answered, single);
    }

    /**
     * The claim of the key; null, logged, when the store cannot be reached. While the store answers, a claim that
     * fails (another writer holding the embedded file's lock a moment too long, say) is tried again a few times, so
     * that concurrent retries of one request still make one decision.
     */
    private IdempotencyKeys.Claim claim(String caller, String key, String bodySha256, String earlierSha256) {
        StoreUnavailableException failure = null;
        for (int attempt = 0; attempt < CLAIM_ATTEMPTS && recorder.status().reachable(); attempt++) {
            try {
                return keys.claim(caller, key, bodySha256, earlierSha256);
            } catch (StoreUnavailableException e) {
                failure = e;
                pause(attempt);
            }
        }
        LOG.warnf("The decision store cannot be reached: Idempotency-Key '%s' is answered without being kept (%s)",
                LogText.escaped(key), failure == null ? "the store is down" : LogText.escaped(String.valueOf(
                        failure.getCause())));
        return null;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(10L << attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Response ok(Answered answered, boolean single) {
        Response.ResponseBuilder response = Response.ok(answered.body(), MediaType.APPLICATION_JSON_TYPE);
        if (single && !answered.decisionIds().isEmpty()) {
            response.header(QualificationResource.DECISION_ID, answered.decisionIds().get(0));
        }
        return response.build();
    }
}

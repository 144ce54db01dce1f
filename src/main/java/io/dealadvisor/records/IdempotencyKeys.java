package io.dealadvisor.records;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code Idempotency-Key}s of the qualifications, kept in the decision store beside the records, per caller.
 *
 * <p>A key is <em>claimed</em> by a row written before the first request with it is answered, and the answer is
 * stored in that row once it is made. The claim is written synchronously, so the key is known at once to every
 * request after it, on this replica or another, even while the answer's decision records still wait in the
 * recorder's buffer; the database's primary key settles two requests that claim the same key at the same moment
 * (the second finds the first's row, and waits for its answer). Only requests that carry the header pay for the
 * two writes. Made at start, so that a window too short or not ISO-8601 stops the start.
 */
@Startup
@ApplicationScoped
public class IdempotencyKeys {

    private static final Logger LOG = Logger.getLogger(IdempotencyKeys.class);
    /** How long a request waits for the answer of another request with the same key and body still being answered. */
    static final Duration WAIT_FOR_FIRST = Duration.ofSeconds(10);
    /** A claim left unanswered this long was made by a request that died (a crash): a retry may take it over. */
    static final Duration ABANDONED = Duration.ofMinutes(1);
    /**
     * The answer of one claim: the row it wrote, unanswered yet, never a later claim of the same key (one that took
     * over after {@link #ABANDONED}).
     */
    static final String ANSWER = "UPDATE idempotency_key SET status = ?, decision_ids = ?, response = ?"
            + " WHERE caller = ? AND idem_key = ? AND created_at = ? AND status IS NULL";

    private final DecisionStore store;
    private final Ages window;

    public IdempotencyKeys(DecisionsConfig config, DecisionStore store) {
        this.store = store;
        this.window = window(config);
    }

    static Ages window(DecisionsConfig config) {
        return Ages.parse("deal-advisor.decisions.idempotency-window", config.idempotencyWindow(),
                Duration.ofSeconds(1));
    }

    /** What became of a claim. */
    public sealed interface Claim permits Claimed, Replay, Reused, InUse {
    }

    /**
     * The key is this request's: answer it, then {@link #answered} or {@link #release} ({@code createdAt} tells it
     * from a later claim of the same key).
     */
    public record Claimed(String caller, String key, long createdAt) implements Claim {
    }

    /** The key was answered before, for the same body: the same answer again. */
    public record Replay(int status, byte[] body, List<String> decisionIds) implements Claim {
    }

    /** The key was used before with another body. */
    public record Reused() implements Claim {
    }

    /** A request with the same key and body is still being answered. */
    public record InUse() implements Claim {
    }

    /**
     * Claims {@code key} for {@code caller} (null with credential checks off) and a body of hash
     * {@code bodySha256} (hex). Throws {@link StoreUnavailableException} when the store cannot be reached.
     */
    public Claim claim(String caller, String key, String bodySha256) {
        return claim(caller, key, bodySha256, null);
    }

    /** The same, where a key kept with {@code earlierSha256} (the request hashed as before) counts as the same. */
    public Claim claim(String caller, String key, String bodySha256, String earlierSha256) {
        String who = caller == null ? "" : caller;
        long deadline = System.nanoTime() + WAIT_FOR_FIRST.toNanos();
        try (Connection connection = store.connection()) {
            while (true) {
                Row row = find(connection, who, key);
                long now = System.currentTimeMillis();
                if (row == null) {
                    if (insert(connection, who, key, bodySha256, now)) {
                        return new Claimed(who, key, now);
                    }
                    continue; // another request claimed it between the two statements: read its row
                }
                if (row.createdAt < window.before(Instant.ofEpochMilli(now)).toEpochMilli()
                        || row.status == null && now - row.createdAt > ABANDONED.toMillis()) {
                    delete(connection, who, key, row.createdAt); // forgotten, or abandoned: claim it anew
                    continue;
                }
                if (!row.bodySha256.equals(bodySha256) && !row.bodySha256.equals(earlierSha256)) {
                    return new Reused();
                }
                if (row.status != null) {
                    List<String> decisionIds = row.decisionIds == null || row.decisionIds.isEmpty() ? List.of()
                            : Arrays.asList(row.decisionIds.split(","));
                    Instant since = Instant.ofEpochMilli(row.createdAt).minus(ErasedAnswers.MARGIN);
                    if (row.status == 200 && ErasedAnswers.anyErased(connection, store.types(), decisionIds, since)
                            && ErasedAnswers.ifAnyErased(connection, store.types(), who, key, decisionIds, since)) {
                        continue; // an erasure took what it held: read the answer kept instead
                    }
                    return new Replay(row.status, row.response.getBytes(StandardCharsets.UTF_8), decisionIds);
                }
                if (System.nanoTime() - deadline >= 0) {
                    return new InUse();
                }
                pause();
            }
        } catch (SQLException e) {
            throw DecisionStore.unavailable(e);
        }
    }

    /**
     * Stores the answer of a claimed key; a failure is logged, and the claim is abandoned (a retry decides anew). An
     * answer holding a record that was stored erased already (an erasure came first) is stored as erased, in the same
     * transaction ({@link ErasedAnswers#ifAnyErased}); one whose record is written later is redacted then.
     */
    public void answered(Claimed claim, int status, byte[] body, List<String> decisionIds) {
        try (Connection connection = store.connection();
             PreparedStatement update = connection.prepareStatement(ANSWER)) {
            WriteTransaction.run(connection, () -> {
                update.setInt(1, status);
                update.setString(2, String.join(",", decisionIds));
                update.setString(3, new String(body, StandardCharsets.UTF_8));
                update.setString(4, claim.caller());
                update.setString(5, claim.key());
                update.setLong(6, claim.createdAt());
                update.executeUpdate();
                ErasedAnswers.ifAnyErased(connection, store.types(), claim.caller(), claim.key(), decisionIds);
            });
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("The answer to Idempotency-Key '%s' could not be stored; a retry with it is decided anew: %s",
                    claim.key(), e.getMessage());
            release(claim);
        }
    }

    /** Gives a claimed key up: its request got no answer worth repeating (a problem), or it could not be stored. */
    public void release(Claimed claim) {
        try (Connection connection = store.connection();
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM idempotency_key WHERE caller = ? AND idem_key = ? AND created_at = ?"
                             + " AND status IS NULL")) {
            delete.setString(1, claim.caller());
            delete.setString(2, claim.key());
            delete.setLong(3, claim.createdAt());
            delete.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("The claim of Idempotency-Key '%s' could not be given up; it lapses after %s: %s", claim.key(),
                    ABANDONED, e.getMessage());
        }
    }

    /** Forgets the keys older than the window, {@code chunk} at a time; how many. */
    int forgetExpired(Instant now, int chunk) throws SQLException {
        long cutoff = window.before(now).toEpochMilli();
        int total = 0;
        int deleted;
        do {
            try (Connection connection = store.connection();
                 PreparedStatement delete = connection.prepareStatement("DELETE FROM idempotency_key WHERE"
                         + " created_at IN (SELECT created_at FROM idempotency_key WHERE created_at < ?"
                         + " ORDER BY created_at LIMIT ?)")) {
                delete.setLong(1, cutoff);
                delete.setInt(2, chunk);
                deleted = delete.executeUpdate();
            }
            total += deleted;
        } while (deleted >= chunk);
        return total;
    }

    private static Row find(Connection connection, String caller, String key) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT body_sha256, created_at, status,"
                + " decision_ids, response FROM idempotency_key WHERE caller = ? AND idem_key = ?")) {
            select.setString(1, caller);
            select.setString(2, key);
            try (ResultSet result = select.executeQuery()) {
                if (!result.next()) {
                    return null;
                }
                // not getObject(3, Integer.class): SQLite's driver throws on the null of a claim not answered yet
                int answered = result.getInt(3);
                Integer status = result.wasNull() ? null : answered;
                return new Row(result.getString(1), result.getLong(2), status, result.getString(4),
                        result.getString(5));
            }
        }
    }

    /**
     * False when the key was claimed meanwhile. Told apart from a failure by reading the key again, rather than by
     * the duplicate key's SQLSTATE, which not every driver gives.
     */
    private static boolean insert(Connection connection, String caller, String key, String sha256, long now)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO idempotency_key (caller, idem_key,"
                + " body_sha256, created_at) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, caller);
            insert.setString(2, key);
            insert.setString(3, sha256);
            insert.setLong(4, now);
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (find(connection, caller, key) != null) {
                return false;
            }
            throw e;
        }
    }

    private static void delete(Connection connection, String caller, String key, long createdAt) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM idempotency_key WHERE caller = ? AND idem_key = ? AND created_at = ?")) {
            delete.setString(1, caller);
            delete.setString(2, key);
            delete.setLong(3, createdAt);
            delete.executeUpdate();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting for an earlier answer", null);
        }
    }

    private record Row(String bodySha256, long createdAt, Integer status, String decisionIds, String response) {
    }
}

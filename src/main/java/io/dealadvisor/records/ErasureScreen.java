package io.dealadvisor.records;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps records of an erased client or deal from being written whole after the erasure: a record that was still in
 * the buffer, or that a request already in flight made later. Before each batch the writer passes its records
 * through {@link #screen}; a record whose client or deal matches (by salted hash, as the erasure log keeps it) an
 * erasure made after its request arrived ({@link DecisionRecord#receivedAt}: a slow upload or a long batch may be
 * decided well after the erasure), or less than {@link #CLOCKS_APART} before, is written without its details, as
 * {@code erased}. A request that arrived later is a new one, and its record is kept whole. The erasures are read from
 * the store at most every {@link #REFRESH}, so those made by other replicas count too; those made here count at once.
 * The screen reads on the writer's own connection, so that queries holding the rest of the pool never stall it.
 */
@ApplicationScoped
public class ErasureScreen {

    private static final Logger LOG = Logger.getLogger(ErasureScreen.class);
    /** How long after an erasure the writer keeps it at hand; older ones are read when an older record comes. */
    static final Duration WATCH = Duration.ofHours(1);
    /**
     * How far apart the clocks of the replica that erased and the one that took the request may be: a request that
     * arrived this long after an erasure, by the two clocks, may have arrived before it, and is stripped too.
     */
    static final Duration CLOCKS_APART = Duration.ofSeconds(5);
    static final Duration REFRESH = Duration.ofSeconds(1);

    private final DecisionStore store;
    /** Hashes erased here, with when and how many records the writer stripped for each. */
    private final Map<String, Watch> local = new ConcurrentHashMap<>();
    /** The subjects erased in the last {@link #WATCH}, by any replica, with when each was last erased. */
    private volatile Map<String, Long> recent = Map.of();
    private volatile long refreshedAt = System.nanoTime() - REFRESH.toNanos();
    private volatile String salt;

    public ErasureScreen(DecisionStore store) {
        this.store = store;
    }

    /**
     * The records to write for {@code records}: the same, except those an erasure matches, without details. Reads
     * on {@code connection}, the writer's.
     */
    List<DecisionRecord> screen(Connection connection, List<DecisionRecord> records) throws SQLException {
        refresh(connection);
        Map<String, Long> erased = new HashMap<>(erasedSinceTheOldest(connection, records));
        if (recent.isEmpty() && local.isEmpty() && erased.isEmpty()) {
            return records;
        }
        recent.forEach((subject, at) -> erased.merge(subject, at, Math::max));
        local.forEach((subject, watch) -> erased.merge(subject, watch.erasedAt(), Math::max));
        List<String> salts = salts(connection);
        List<DecisionRecord> screened = new ArrayList<>(records.size());
        Map<String, Instant> erasedIds = new HashMap<>();
        for (DecisionRecord record : records) {
            String matched = matched(record, erased, salts);
            if (matched == null) {
                screened.add(record);
            } else {
                screened.add(record.erased(RecordDetails.withoutReasons(
                        record.shadow() == null ? null : record.shadow().json())));
                erasedIds.put(record.decisionId().toString(), record.decidedAt());
                Watch watch = local.get(matched);
                if (watch != null) {
                    watch.screened.add(record.decisionId()); // by id: a batch tried again is not counted twice
                }
            }
        }
        ErasedAnswers.redact(connection, erasedIds); // their answers, kept for a retry, hold what was erased
        return screened;
    }

    /** The salted hash of a client id ({@code kind} {@code client}) or a deal id ({@code deal}), hex. */
    String hash(String kind, String id) throws SQLException {
        if (salt != null) {
            return hash(kind, id, salt);
        }
        try (Connection connection = store.connection()) {
            return hash(kind, id, salt(connection));
        }
    }

    static String hash(String kind, String id, String salt) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salt.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((kind + ":" + id).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }

    /** From now on, records of {@code hash} are screened, and counted until {@link #counted}. */
    void watch(String hash, Instant erasedAt) {
        local.put(hash, new Watch(System.nanoTime(), erasedAt.toEpochMilli(), ConcurrentHashMap.newKeySet()));
    }

    /** How many records the writer stripped for {@code hash} since {@link #watch}. */
    long counted(String hash) {
        Watch watch = local.get(hash);
        return watch == null ? 0 : watch.screened.size();
    }

    private record Watch(long since, long erasedAt, Set<UUID> screened) {
    }

    /**
     * The subject (deal, then client) of an erasure {@code record} falls under: one of the {@code erased} (with when
     * each was last erased) that its request arrived before, or within {@link #CLOCKS_APART} after; hashed with each
     * of the {@code salts}.
     */
    private static String matched(DecisionRecord record, Map<String, Long> erased, List<String> salts) {
        long received = record.receivedAt().toEpochMilli();
        for (String salt : salts) {
            for (String subject : record.clientId() == null ? List.of(hash("deal", record.dealId(), salt))
                    : List.of(hash("deal", record.dealId(), salt), hash("client", record.clientId(), salt))) {
                Long erasedAt = erased.get(subject);
                if (erasedAt != null && received <= erasedAt + CLOCKS_APART.toMillis()) {
                    return subject;
                }
            }
        }
        return null;
    }

    /**
     * The erasures made since the request of the oldest of {@code records} arrived, when that is longer ago than the
     * {@link #WATCH}, with when each subject was last erased: records that waited in a buffer through a long outage
     * (of the store, or of this replica's way to it) must not be written whole because the erasure of their subject
     * is now more than an hour old.
     */
    private static Map<String, Long> erasedSinceTheOldest(Connection connection, List<DecisionRecord> records)
            throws SQLException {
        long oldest = Long.MAX_VALUE;
        for (DecisionRecord record : records) {
            oldest = Math.min(oldest, record.receivedAt().toEpochMilli());
        }
        long since = oldest - CLOCKS_APART.toMillis(); // the erasures the oldest record may fall under
        if (since >= System.currentTimeMillis() - WATCH.toMillis()) {
            return Map.of(); // all of them among those read every second
        }
        return erasedSince(connection, since);
    }

    /** The subjects erased since {@code sinceMillis}, with when each was last erased. */
    private static Map<String, Long> erasedSince(Connection connection, long sinceMillis) throws SQLException {
        Map<String, Long> erasedAt = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT subject_hash, erased_at FROM erasure WHERE erased_at >= ?")) {
            select.setLong(1, sinceMillis);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    erasedAt.merge(result.getString(1), result.getLong(2), Math::max);
                }
            }
        }
        return erasedAt;
    }


    /** Reads the erasures of the last {@link #WATCH} from the store, at most every {@link #REFRESH}. */
    private void refresh(Connection connection) {
        long now = System.nanoTime();
        if (now - refreshedAt < REFRESH.toNanos()) {
            return;
        }
        refreshedAt = now;
        local.values().removeIf(watch -> now - watch.since() > WATCH.toNanos());
        try {
            recent = Map.copyOf(erasedSince(connection, System.currentTimeMillis() - WATCH.toMillis()));
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("The erasures could not be read; the last ones read still count: %s", e.getMessage());
        }
    }

    /** The database's salt, made by the first erasure; the same for every replica. Read on {@code connection}. */
    private String salt(Connection connection) throws SQLException {
        if (salt != null) {
            return salt;
        }
        synchronized (this) {
            if (salt != null) {
                return salt;
            }
            String stored = readSalt(connection);
            if (stored == null) {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO erasure_salt (id, salt) VALUES (1, ?)")) {
                    insert.setString(1, HexFormat.of().formatHex(random));
                    insert.executeUpdate();
                } catch (SQLException e) {
                    // another replica made it first: read below
                }
                stored = readSalt(connection);
                if (stored == null) {
                    throw new SQLException("the erasure salt could be neither made nor read");
                }
            }
            salt = stored;
            return salt;
        }
    }

    /**
     * Every salt of the log: the database's own, then those of the erasures imported from an earlier version's file
     * ({@link EarlierH2Erasures}), which were hashed with the file's salt. Read each time: a few rows, beside the
     * hashing.
     */
    private static List<String> salts(Connection connection) throws SQLException {
        List<String> salts = new ArrayList<>(1);
        try (PreparedStatement select = connection.prepareStatement("SELECT salt FROM erasure_salt ORDER BY id");
             ResultSet result = select.executeQuery()) {
            while (result.next()) {
                salts.add(result.getString(1));
            }
        }
        return salts;
    }

    private static String readSalt(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT salt FROM erasure_salt WHERE id = 1");
             ResultSet result = select.executeQuery()) {
            return result.next() ? result.getString(1) : null;
        }
    }
}

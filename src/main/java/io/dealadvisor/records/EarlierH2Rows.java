package io.dealadvisor.records;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A record of an earlier version's H2 file ({@link EarlierH2File}) as SQLite keeps it: read whatever the file's
 * version (details beside the summary up to V2, apart from V3 on; V2's columns null in a file of V1), written as a
 * summary and, while the record is whole, its details (by the caller, only for a summary it inserted).
 */
final class EarlierH2Rows {

    /** The summary's columns every version has. */
    private static final String COLUMNS = "decision_id, decided_at, deal_id, as_of, caller, channel, duration_micros,"
            + " advice, refer_to, revisit_on, ruleset_version, shadow_ruleset_version, shadow_advice, shadow_differs,"
            + " outcome_result, outcome_advice_followed, outcome_client_retained, outcome_reported_on";
    /** Each of {@link #COLUMNS}: T text, I instant, D date, L long, B flag, U id. */
    private static final String KINDS = "UITDTTLTTDTTTBTBBD";
    private static final String[] NAMES = COLUMNS.split(", ");
    /** The summary's columns worked out here from what the file holds. */
    private static final String MADE = "headline, shadow_json, detail, client_id, outcome_reported_by";
    /** The columns of V2 (a file of V1 has none of them), read as null where missing. */
    private static final List<String> LATER = List.of("detail", "client_id", "outcome_reported_by");
    static final String INSERT_SUMMARY = "INSERT INTO decision (" + COLUMNS + ", " + MADE + ") VALUES ("
            + "?, ".repeat(NAMES.length + 4) + "?) ON CONFLICT DO NOTHING";
    static final String INSERT_DETAILS = "INSERT INTO decision_detail (decided_at, decision_id, deal_json,"
            + " advice_json, shadow_reasons) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

    private final StoreTypes sqlite;

    EarlierH2Rows(StoreTypes sqlite) {
        this.sqlite = sqlite;
    }

    /**
     * The records of the file: the summary's columns, the details (beside the summary up to V2, apart from V3 on)
     * and the columns V2 added (null in a file of V1).
     */
    static String select(Connection h2) throws SQLException {
        StringBuilder select = new StringBuilder("SELECT d.").append(COLUMNS.replace(", ", ", d."))
                .append(", d.shadow_json");
        for (String column : LATER) {
            select.append(", ").append(hasColumn(h2, "DECISION", column) ? "d." + column : "NULL AS " + column);
        }
        if (hasColumn(h2, "DECISION", "deal_json")) {
            return select.append(", d.deal_json, d.advice_json, NULL AS shadow_reasons FROM decision d").toString();
        }
        return select.append(", x.deal_json, x.advice_json, x.shadow_reasons FROM decision d"
                + " LEFT JOIN decision_detail x ON x.decided_at = d.decided_at AND x.decision_id = d.decision_id")
                .toString();
    }

    private static boolean hasColumn(Connection h2, String table, String column) throws SQLException {
        try (ResultSet columns = h2.getMetaData().getColumns(null, null, table, column.toUpperCase())) {
            return columns.next();
        }
    }

    /**
     * A record whose summary is bound: its key, whether it has an outcome, the id of the erasure that took its
     * details on the way in (null: none), and its details (null: none, as expired, erased or stripped on the way in).
     */
    record Row(UUID decisionId, Instant decidedAt, boolean withOutcome, String erasureId, String deal, String advice,
               String reasons) {
    }

    /**
     * Binds the summary of one record: as it was, or erased (no details, client id or headline) for
     * {@code erasureId}, not null. The shadow is cut as the service writes it ({@link StoredDocuments}).
     */
    Row bind(PreparedStatement summary, ResultSet row, String erasureId) throws SQLException {
        for (int i = 0; i < NAMES.length; i++) {
            bind(summary, i + 1, KINDS.charAt(i), row, NAMES[i]);
        }
        String deal = row.getString("deal_json");
        boolean whole = deal != null && !deal.isEmpty() && erasureId == null; // '' or nothing there: none
        String advice = whole ? StoredJsonSerializer.wellFormed(row.getString("advice_json")) : null;
        String shadowJson = row.getString("shadow_json");
        StoredDocuments.Shadow shadow = StoredDocuments.split(StoredDocuments.join(shadowJson == null ? null
                : StoredJsonSerializer.wellFormed(shadowJson), row.getString("shadow_reasons")));
        int column = NAMES.length;
        summary.setString(++column, whole ? StoredDocuments.headline(advice) : null);
        summary.setString(++column, shadow.summary());
        if (erasureId == null) {
            for (String later : LATER) {
                bind(summary, ++column, 'T', row, later);
            }
        } else { // marked as an erasure marks a stored record (RecordDetails#erase)
            summary.setString(++column, RecordDetails.ERASED);
            summary.setString(++column, null);
            bind(summary, ++column, 'T', row, "outcome_reported_by");
        }
        summary.addBatch();
        Instant decidedAt = row.getObject("decided_at", OffsetDateTime.class).toInstant();
        return new Row(row.getObject("decision_id", UUID.class), decidedAt, row.getString("outcome_result") != null,
                erasureId, whole ? StoredJsonSerializer.wellFormed(deal) : null, advice,
                whole ? shadow.reasons() : null);
    }

    /** Binds the details of {@code row}, a record whole. */
    void bindDetails(PreparedStatement details, Row row) throws SQLException {
        details.setObject(1, sqlite.instant(row.decidedAt()));
        details.setObject(2, sqlite.id(row.decisionId()));
        details.setString(3, row.deal());
        details.setString(4, row.advice());
        details.setString(5, row.reasons());
        details.addBatch();
    }

    /**
     * One value, from H2's type to SQLite's. Texts are mended as they are shown: records made before deals had to
     * be Unicode text may hold half of a surrogate pair, which SQLite's UTF-8 would turn into '?'; it becomes U+FFFD.
     */
    private void bind(PreparedStatement insert, int index, char kind, ResultSet row, String column)
            throws SQLException {
        switch (kind) {
            case 'U' -> insert.setObject(index, sqlite.id(row.getObject(column, UUID.class)));
            case 'I' -> insert.setObject(index,
                    sqlite.instant(row.getObject(column, OffsetDateTime.class).toInstant()));
            case 'D' -> insert.setObject(index, sqlite.date(row.getObject(column, LocalDate.class)));
            case 'L' -> insert.setLong(index, row.getLong(column));
            case 'B' -> StoreTypes.flag(insert, index, StoreTypes.flag(row, column));
            default -> {
                String text = row.getString(column);
                insert.setString(index, text == null ? null : StoredJsonSerializer.wellFormed(text));
            }
        }
    }
}

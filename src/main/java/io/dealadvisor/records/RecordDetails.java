package io.dealadvisor.records;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Takes the details out of stored records, the summary staying: the deal and the advice document go (they keep
 * {@code ''}, see V2__system_of_record.sql), the shadow keeps its advice but loses its reasons, and the record says
 * why ({@code detail}). A chunk of records at a time, each chunk in one transaction, so neither a long expiry nor a
 * large erasure holds a lock for long.
 */
@ApplicationScoped
public class RecordDetails {

    public static final String EXPIRED = "expired";
    public static final String ERASED = "erased";
    static final int CHUNK = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DecisionStore store;

    public RecordDetails(DecisionStore store) {
        this.store = store;
    }

    /**
     * Strips every record that {@code where} (with its {@code values}) selects; {@code where} must no longer select a
     * record once it is stripped, or this does not end. With {@code forgetClient} the client id goes too.
     *
     * @return how many records were stripped
     */
    int strip(String where, List<Object> values, String why, boolean forgetClient) throws SQLException {
        int total = 0;
        int stripped;
        do {
            stripped = 0;
            try (Connection connection = store.connection()) {
                connection.setAutoCommit(false);
                try {
                    List<UUID> ids = new ArrayList<>(CHUNK);
                    List<String> shadows = new ArrayList<>(CHUNK);
                    try (PreparedStatement select = connection.prepareStatement(
                            "SELECT decision_id, shadow_json FROM decision WHERE " + where + " LIMIT " + CHUNK)) {
                        for (int i = 0; i < values.size(); i++) {
                            select.setObject(i + 1, values.get(i));
                        }
                        try (ResultSet result = select.executeQuery()) {
                            while (result.next()) {
                                ids.add(store.types().id(result, "decision_id"));
                                shadows.add(result.getString(2));
                            }
                        }
                    }
                    try (PreparedStatement update = connection.prepareStatement("UPDATE decision SET deal_json = '',"
                            + " advice_json = '', shadow_json = ?, detail = ?"
                            + (forgetClient ? ", client_id = NULL" : "") + " WHERE decision_id = ?")) {
                        for (int i = 0; i < ids.size(); i++) {
                            update.setString(1, withoutReasons(shadows.get(i)));
                            update.setString(2, why);
                            update.setObject(3, store.types().id(ids.get(i)));
                            update.addBatch();
                        }
                        if (!ids.isEmpty()) {
                            update.executeBatch();
                        }
                    }
                    connection.commit();
                    stripped = ids.size();
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                }
            }
            total += stripped;
        } while (stripped == CHUNK);
        return total;
    }

    /** A shadow document with {@code "reasons": null}: the candidate's advice stays, what it rested on goes. */
    static String withoutReasons(String shadowJson) {
        if (shadowJson == null) {
            return null;
        }
        try {
            ObjectNode shadow = (ObjectNode) JSON.readTree(shadowJson);
            shadow.putNull("reasons");
            return JSON.writeValueAsString(shadow);
        } catch (IOException | ClassCastException e) {
            return null; // not a document this service wrote: nothing of it is kept
        }
    }
}

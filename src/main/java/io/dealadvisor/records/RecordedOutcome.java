package io.dealadvisor.records;

import java.time.LocalDate;

/**
 * What the sales systems reported about a decided deal and its client.
 *
 * @param reportedBy who reported it: the API key's id or the JWT subject; null with credential checks off
 */
public record RecordedOutcome(String result, Boolean adviceFollowed, Boolean clientRetained, LocalDate reportedOn,
                              String reportedBy) {

    /** What the client did about the deal. */
    public enum Result {
        BOUGHT_FROM_US, BOUGHT_ELSEWHERE, BOUGHT_NOTHING
    }
}

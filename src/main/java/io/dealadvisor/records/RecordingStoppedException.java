package io.dealadvisor.records;

/**
 * A record came after the service began its final write of the buffer, so it could never be written: the answer it
 * belongs to must not be given. The caller gets {@code 503} {@code stopping} and sends the request again, to another
 * replica.
 */
public class RecordingStoppedException extends RuntimeException {

    public RecordingStoppedException() {
        super("this replica is shutting down; send the request again");
    }
}

package io.dealadvisor.records;

import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which failed writes are the records' fault (split, and the bad one dropped) and which the database's (the records
 * wait): a full disk or a read-only server answers a validity check, yet must not cost a single record.
 */
class WriteFailuresTest {

    @Test
    void whatARecordHoldsIsTheRecordsFault() {
        assertTrue(StoreTypes.aboutTheRecords(new SQLException("value too long", "22001")));
        assertTrue(StoreTypes.aboutTheRecords(new SQLException("duplicate key", "23505")));
        assertTrue(StoreTypes.aboutTheRecords(new SQLiteException("NOT NULL", SQLiteErrorCode.SQLITE_CONSTRAINT_NOTNULL)));
        assertTrue(StoreTypes.aboutTheRecords(new SQLiteException("too big", SQLiteErrorCode.SQLITE_TOOBIG)));
        assertTrue(StoreTypes.aboutTheRecords(new IllegalArgumentException("a record this code cannot write")));
    }

    @Test
    void aDatabaseThatCannotWriteIsNot() {
        assertFalse(StoreTypes.aboutTheRecords(new SQLiteException("disk full", SQLiteErrorCode.SQLITE_FULL)));
        assertFalse(StoreTypes.aboutTheRecords(new SQLiteException("read-only", SQLiteErrorCode.SQLITE_READONLY)));
        assertFalse(StoreTypes.aboutTheRecords(new SQLiteException("busy", SQLiteErrorCode.SQLITE_BUSY)));
        assertFalse(StoreTypes.aboutTheRecords(new SQLiteException("I/O", SQLiteErrorCode.SQLITE_IOERR_WRITE)));
        assertFalse(StoreTypes.aboutTheRecords(new SQLException("read-only transaction", "25006")));
        assertFalse(StoreTypes.aboutTheRecords(new SQLException("disk full", "53100")));
        assertFalse(StoreTypes.aboutTheRecords(new SQLException("terminated by administrator", "57P01")));
        assertFalse(StoreTypes.aboutTheRecords(new SQLException("permission denied", "42501")));
        assertFalse(StoreTypes.aboutTheRecords(new SQLException("connection closed")));
        assertFalse(StoreTypes.aboutTheRecords(new AssertionError("the driver, under -ea, at a connection's end")));
    }
}

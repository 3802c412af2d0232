package org.congressvote.command.audit;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;

/**
 * The hash chain over the event log. An event's canonical bytes are its stored columns in a fixed order, each
 * written as a 4-byte length and its bytes (UTF-8 for text, -1 for null): global index, event id, aggregate id,
 * sequence number, type, payload type, payload revision, time stamp, payload, metadata. Each link is
 * SHA-256(previous link || canonical bytes); the first link's previous is 32 zero bytes.
 */
public final class LogChain {

    public static final byte[] GENESIS = new byte[32];

    /** The columns, in canonical order, of the event table; every query that feeds {@link #canonical} selects these. */
    public static final String COLUMNS = "globalindex, eventidentifier, aggregateidentifier, sequencenumber, type, "
            + "payloadtype, payloadrevision, timestamp, payload, metadata";

    private LogChain() {}

    public static byte[] link(byte[] previous, byte[] canonical) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(previous);
            sha.update(canonical);
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The canonical bytes of the event row under the cursor (selected with {@link #COLUMNS}). */
    public static byte[] canonical(ResultSet row) throws SQLException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            text(out, Long.toString(row.getLong("globalindex")));
            text(out, row.getString("eventidentifier"));
            text(out, row.getString("aggregateidentifier"));
            text(out, Long.toString(row.getLong("sequencenumber")));
            text(out, row.getString("type"));
            text(out, row.getString("payloadtype"));
            text(out, row.getString("payloadrevision"));
            text(out, row.getString("timestamp"));
            raw(out, row.getBytes("payload"));
            raw(out, row.getBytes("metadata"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static String hex(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }

    private static void text(DataOutputStream out, String value) throws IOException {
        raw(out, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static void raw(DataOutputStream out, byte[] value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(value.length);
            out.write(value);
        }
    }
}

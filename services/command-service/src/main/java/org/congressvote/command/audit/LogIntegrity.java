package org.congressvote.command.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.congressvote.api.error.DomainRuleViolation;
import org.congressvote.api.error.ErrorCode;

/**
 * Is every stored event in the chain, and every chain entry backed by its event? The checks that make the chain
 * complete rather than a list of the events it happens to hold: an event outside the normal sequence (global index
 * 0 or below, which no reader of the store ever sees), an event the chain has not taken up a grace period after its
 * time stamp (or stamped in the future), a chain entry whose event is gone, and a hole in the chain's positions.
 * Plain JDBC, so the verification endpoint, the close and the command-line tool run the same queries.
 */
public final class LogIntegrity {

    /** At most this many rows are named per kind of anomaly. */
    static final int NAMED = 50;

    /** One row that breaks the log: its global index (the audit's numbering) or chain position, and why. */
    public record Anomaly(Long globalIndex, Long chainPosition, String aggregateId, String type, String reason) {

        String describe() {
            return (globalIndex != null ? "global index " + globalIndex : "chain position " + chainPosition)
                    + (aggregateId != null ? " (" + aggregateId + ", " + type + ")" : "") + ": " + reason;
        }
    }

    private LogIntegrity() {}

    public static List<Anomaly> anomalies(Connection connection, Duration grace) throws SQLException {
        List<Anomaly> found = new ArrayList<>();
        try (PreparedStatement outside = connection.prepareStatement("SELECT globalindex, aggregateidentifier, "
                        + "payloadtype FROM domainevententry WHERE globalindex <= 0 ORDER BY globalindex LIMIT "
                        + NAMED);
                ResultSet rs = outside.executeQuery()) {
            while (rs.next()) {
                found.add(new Anomaly(
                        rs.getLong(1),
                        null,
                        rs.getString(2),
                        simple(rs.getString(3)),
                        "stored outside the log's sequence (global index 0 or below): no reader of the log sees it, "
                                + "the chain never takes it up"));
            }
        }
        Instant now = Instant.now();
        try (PreparedStatement unchained = connection.prepareStatement("SELECT e.globalindex, e.aggregateidentifier, "
                + "e.payloadtype, e.timestamp FROM domainevententry e WHERE e.globalindex > 0 AND NOT EXISTS "
                + "(SELECT 1 FROM event_chain c WHERE c.global_index = e.globalindex) ORDER BY e.globalindex")) {
            unchained.setFetchSize(500);
            try (ResultSet rs = unchained.executeQuery()) {
                int named = 0;
                while (rs.next() && named < NAMED) {
                    String reason = lateReason(rs.getString(4), now, grace);
                    if (reason != null) {
                        found.add(new Anomaly(rs.getLong(1), null, rs.getString(2), simple(rs.getString(3)), reason));
                        named++;
                    }
                }
            }
        }
        try (PreparedStatement orphans = connection.prepareStatement("SELECT c.position, c.global_index FROM "
                        + "event_chain c WHERE NOT EXISTS (SELECT 1 FROM domainevententry e WHERE e.globalindex = c.global_index) "
                        + "ORDER BY c.position LIMIT " + NAMED);
                ResultSet rs = orphans.executeQuery()) {
            while (rs.next()) {
                found.add(new Anomaly(
                        rs.getLong(2),
                        rs.getLong(1),
                        null,
                        null,
                        "chained at position " + rs.getLong(1) + ", but the event was deleted from the log"));
            }
        }
        try (PreparedStatement count =
                        connection.prepareStatement("SELECT count(*), coalesce(max(position), 0) FROM event_chain");
                ResultSet rs = count.executeQuery()) {
            rs.next();
            long entries = rs.getLong(1);
            long head = rs.getLong(2);
            if (entries != head) {
                found.add(new Anomaly(
                        null,
                        firstHole(connection),
                        null,
                        null,
                        (head - entries) + " chain entries below the head (position " + head + ") were deleted"));
            }
        }
        return found;
    }

    /**
     * Refuses a close while the log is not intact, and checks each event of the aggregates that the close counts
     * (ids in [{@code fromId}, {@code toId})) against its chain link: the count is then exactly what the verified
     * log holds. An event stored within the grace period may not be chained yet; it is counted as stored.
     */
    public static void requireIntactForCount(Connection connection, Duration grace, String fromId, String toId)
            throws SQLException {
        requireIntactForCount(connection, grace, fromId, toId, null);
    }

    /**
     * What a close counts from a projection, confirmed against the verified log: each stored event of the counted
     * range is shown to it (chained or within the grace period), and whatever it holds that no event showed it is
     * named after. Either refuses the close.
     */
    public interface Counted {

        /** Why the stored event under the cursor (its {@link LogChain#COLUMNS}) is not what the count holds, or null. */
        String differs(ResultSet event) throws SQLException;

        /** After every stored event of the range: what the count holds that none of them showed. */
        List<Anomaly> unmatched();
    }

    /**
     * As {@link #requireIntactForCount(Connection, Duration, String, String)}, and also refuses the close when
     * {@code counted} (null: nothing) differs from an event of the range or holds what no event of it holds.
     */
    public static void requireIntactForCount(
            Connection connection, Duration grace, String fromId, String toId, Counted counted) throws SQLException {
        List<Anomaly> found = anomalies(connection, grace);
        try (PreparedStatement rows = connection.prepareStatement("SELECT c.position, c.hash, p.hash AS previous, "
                + prefixed() + " FROM domainevententry e LEFT JOIN event_chain c ON c.global_index = e.globalindex "
                + "LEFT JOIN event_chain p ON p.position = c.position - 1 WHERE e.aggregateidentifier >= ? "
                + "AND e.aggregateidentifier < ? AND e.globalindex > 0")) {
            rows.setFetchSize(1000);
            rows.setString(1, fromId);
            rows.setString(2, toId);
            try (ResultSet rs = rows.executeQuery()) {
                while (rs.next()) {
                    String projected = counted == null ? null : counted.differs(rs);
                    if (projected != null) {
                        found.add(new Anomaly(
                                rs.getLong("globalindex"),
                                null,
                                rs.getString("aggregateidentifier"),
                                simple(rs.getString("payloadtype")),
                                projected));
                    }
                    byte[] hash = rs.getBytes("hash");
                    if (hash == null) {
                        continue; // stored within the grace period: anomalies() names it once it is late
                    }
                    long position = rs.getLong("position");
                    byte[] previous = position == 1 ? LogChain.GENESIS : rs.getBytes("previous");
                    String reason = previous == null
                            ? "the chain entry before it (position " + (position - 1) + ") was deleted"
                            : Arrays.equals(LogChain.link(previous, LogChain.canonical(rs)), hash)
                                    ? null
                                    : "the stored event differs from the one chained at position " + position;
                    if (reason != null) {
                        found.add(new Anomaly(
                                rs.getLong("globalindex"),
                                position,
                                rs.getString("aggregateidentifier"),
                                simple(rs.getString("payloadtype")),
                                reason));
                    }
                }
            }
        }
        if (counted != null) {
            found.addAll(counted.unmatched());
        }
        if (!found.isEmpty()) {
            throw new DomainRuleViolation(
                    ErrorCode.LOG_NOT_INTACT,
                    "The event log is not intact, so nothing is "
                            + "counted: "
                            + found.stream().limit(10).map(Anomaly::describe).collect(Collectors.joining("; "))
                            + (found.size() > 10 ? "; and " + (found.size() - 10) + " more" : "")
                            + ". See GET /api/audit/verify; the vote-counting committee must clear this before the close.");
        }
    }

    private static String lateReason(String timestamp, Instant now, Duration grace) {
        Instant stored;
        try {
            stored = Instant.parse(timestamp);
        } catch (DateTimeParseException | NullPointerException e) {
            return "not in the hash chain, and its time stamp '" + timestamp + "' is not a time";
        }
        if (stored.isBefore(now.minus(grace))) {
            return "not in the hash chain " + grace.toSeconds() + " s after it was stored (" + timestamp + ")";
        }
        if (stored.isAfter(now.plus(grace))) {
            return "not in the hash chain, and stamped in the future (" + timestamp + ")";
        }
        return null;
    }

    private static Long firstHole(Connection connection) throws SQLException {
        try (PreparedStatement hole = connection.prepareStatement("SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM "
                        + "event_chain WHERE position = 1) THEN 1 ELSE (SELECT min(c.position) + 1 FROM event_chain c WHERE "
                        + "NOT EXISTS (SELECT 1 FROM event_chain d WHERE d.position = c.position + 1) AND c.position < "
                        + "(SELECT max(position) FROM event_chain)) END");
                ResultSet rs = hole.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String simple(String type) {
        return type == null ? null : type.substring(type.lastIndexOf('.') + 1);
    }

    static String prefixed() {
        return Arrays.stream(LogChain.COLUMNS.split(",\\s*")).map(c -> "e." + c).collect(Collectors.joining(", "));
    }
}

package org.congressvote.command.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

import javax.sql.DataSource;

/**
 * Walks the whole chain and recomputes every link from the event table as it is now. Plain JDBC, so the same code
 * serves the verification endpoint and the command-line tool. Streams: memory does not grow with the log.
 */
public final class ChainVerifier {

    /** The outcome: intact (count and head hash), or the first chain position whose event no longer matches. */
    public record Verification(boolean intact, long chained, String headHash, Long brokenAtPosition,
                               Long brokenAtGlobalIndex, String reason, long unchainedEvents) {
    }

    private ChainVerifier() {
    }

    public static Verification verify(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return verify(connection);
        }
    }

    public static Verification verify(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
        try (PreparedStatement walk = connection.prepareStatement("SELECT c.position, c.global_index, c.hash, "
                + prefixed() + " FROM event_chain c LEFT JOIN domainevententry e ON e.globalindex = c.global_index "
                + "ORDER BY c.position")) {
            walk.setFetchSize(1000);
            byte[] previous = LogChain.GENESIS;
            long count = 0;
            try (ResultSet rs = walk.executeQuery()) {
                while (rs.next()) {
                    long position = rs.getLong("position");
                    long globalIndex = rs.getLong("global_index");
                    if (position != count + 1) {
                        return broken(count, previous, position, globalIndex, "chain entry " + (count + 1) + " is missing");
                    }
                    if (rs.getObject("eventidentifier") == null) {
                        return broken(count, previous, position, globalIndex, "the event was deleted from the log");
                    }
                    byte[] expected = LogChain.link(previous, LogChain.canonical(rs));
                    if (!Arrays.equals(expected, rs.getBytes("hash"))) {
                        return broken(count, previous, position, globalIndex, "the stored event differs from the one chained");
                    }
                    previous = expected;
                    count++;
                }
            }
            long unchained;
            try (PreparedStatement gaps = connection.prepareStatement("SELECT count(*) FROM domainevententry e WHERE "
                    + "NOT EXISTS (SELECT 1 FROM event_chain c WHERE c.global_index = e.globalindex)");
                 ResultSet rs = gaps.executeQuery()) {
                rs.next();
                unchained = rs.getLong(1);
            }
            connection.commit();
            return new Verification(true, count, LogChain.hex(previous), null, null, null, unchained);
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static Verification broken(long count, byte[] previous, long position, long globalIndex, String reason) {
        return new Verification(false, count, LogChain.hex(previous), position, globalIndex, reason, 0);
    }

    private static String prefixed() {
        return Arrays.stream(LogChain.COLUMNS.split(",\\s*")).map(c -> "e." + c).reduce((a, b) -> a + ", " + b).orElseThrow();
    }
}

package org.congressvote.command.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;

/**
 * Walks the whole chain and recomputes every link from the event table as it is now. Plain JDBC, so the same code
 * serves the verification endpoint and the command-line tool. Streams: memory does not grow with the log.
 */
public final class ChainVerifier {

    /** The outcome: intact (count and head hash), or the first chain position whose event no longer matches. */
    public record Verification(
            boolean intact,
            long chained,
            String headHash,
            Long brokenAtPosition,
            Long brokenAtGlobalIndex,
            String reason,
            long unchainedEvents,
            List<LogIntegrity.Anomaly> anomalies,
            LogAnchor.HeadCheck treeHeads) {}

    /** The default time the chain has to take up a stored event before verification names it. */
    public static final Duration GRACE = Duration.ofSeconds(10);

    private ChainVerifier() {}

    public static Verification verify(DataSource dataSource, Duration grace) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return verify(connection, grace);
        }
    }

    /**
     * Intact means: every chain link recomputes from its event, every stored event is chained (within the grace
     * period), no chain entry was deleted, and the events reproduce every signed tree head.
     */
    public static Verification verify(Connection connection, Duration grace) throws SQLException {
        Verification chain = walk(connection);
        List<LogIntegrity.Anomaly> anomalies = LogIntegrity.anomalies(connection, grace);
        LogAnchor.HeadCheck heads = LogAnchor.check(LogAnchor.leaves(connection), LogAnchor.heads(connection));
        boolean intact = chain.intact() && anomalies.isEmpty() && heads.ok();
        String reason = chain.reason() != null
                ? chain.reason()
                : !anomalies.isEmpty()
                        ? anomalies.size() + " rows break the log, the first: "
                                + anomalies.get(0).describe()
                        : heads.reason();
        return new Verification(
                intact,
                chain.chained(),
                chain.headHash(),
                chain.brokenAtPosition(),
                chain.brokenAtGlobalIndex(),
                reason,
                chain.unchainedEvents(),
                anomalies,
                heads);
    }

    private static Verification walk(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
        try (PreparedStatement walk = connection.prepareStatement("SELECT c.position, c.global_index, c.hash, "
                + LogIntegrity.prefixed()
                + " FROM event_chain c LEFT JOIN domainevententry e ON e.globalindex = c.global_index "
                + "ORDER BY c.position")) {
            walk.setFetchSize(1000);
            byte[] previous = LogChain.GENESIS;
            long count = 0;
            try (ResultSet rs = walk.executeQuery()) {
                while (rs.next()) {
                    long position = rs.getLong("position");
                    long globalIndex = rs.getLong("global_index");
                    if (position != count + 1) {
                        return broken(
                                count,
                                previous,
                                position,
                                globalIndex,
                                "chain entry " + (count + 1) + " is missing (deleted from the chain)");
                    }
                    if (rs.getObject("eventidentifier") == null) {
                        return broken(count, previous, position, globalIndex, "the event was deleted from the log");
                    }
                    byte[] expected = LogChain.link(previous, LogChain.canonical(rs));
                    if (!Arrays.equals(expected, rs.getBytes("hash"))) {
                        return broken(
                                count,
                                previous,
                                position,
                                globalIndex,
                                "the stored event differs from the one chained");
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
            return new Verification(true, count, LogChain.hex(previous), null, null, null, unchained, List.of(), null);
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static Verification broken(long count, byte[] previous, long position, long globalIndex, String reason) {
        return new Verification(
                false, count, LogChain.hex(previous), position, globalIndex, reason, 0, List.of(), null);
    }
}

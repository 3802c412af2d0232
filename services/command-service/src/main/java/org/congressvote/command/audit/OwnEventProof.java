package org.congressvote.command.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.congressvote.api.error.DomainRuleViolation;
import org.congressvote.api.error.ErrorCode;
import org.congressvote.api.error.InputLimits;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A delegate's own event in the signed log (a motion vote, or a ballot participation, which names the delegate and
 * nothing of the ballot): the RFC 9162 inclusion proof of the first event of its aggregate against the newest signed
 * head, and, given the head the phone kept, the consistency proof from that head to the newest one.
 */
@Component
public class OwnEventProof {

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;

    OwnEventProof(JdbcTemplate jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /** {@code sinceKept}: null unless a kept head (fromSize, fromRoot) was sent. */
    public record Proof(long chainPosition, LogAnchor.Inclusion inclusion, LogAnchor.Consistency sinceKept) {}

    /**
     * @param what the event, as the delegate calls it ("vote", "ballot participation"), for the problem's detail
     * @param notFound the problem when the aggregate has no stored event
     */
    public Proof prove(
            String aggregateId, Long fromSize, String fromRoot, String what, ErrorCode notFound, String notFoundDetail)
            throws SQLException {
        if (fromSize != null) {
            InputLimits.number(fromSize, "fromSize", 1, Long.MAX_VALUE);
            if (fromRoot == null || !fromRoot.matches("[0-9a-fA-F]{64}")) {
                throw new DomainRuleViolation(
                        ErrorCode.INVALID_REQUEST,
                        "fromRoot must be the 64 hex digits of the root of the head kept with the " + what + ".");
            }
        }
        List<Long> position = jdbc.queryForList(
                "SELECT c.position FROM event_chain c JOIN domainevententry e "
                        + "ON e.globalindex = c.global_index WHERE e.aggregateidentifier = ? AND e.sequencenumber = 0",
                Long.class,
                aggregateId);
        if (position.isEmpty()) {
            boolean stored = !jdbc.queryForList(
                            "SELECT 1 FROM domainevententry WHERE aggregateidentifier = ?", aggregateId)
                    .isEmpty();
            throw stored
                    ? new DomainRuleViolation(
                            ErrorCode.CONGRESS_STATE,
                            "Your " + what + " is stored but not yet in the log's hash chain; try again in a few "
                                    + "seconds.")
                    : new DomainRuleViolation(notFound, notFoundDetail);
        }
        long chainPosition = position.get(0);
        try (Connection connection = dataSource.getConnection()) {
            var heads = LogAnchor.heads(connection);
            // O(log n) rows: the own event, and the stored nodes of the tree
            LogAnchor.Inclusion inclusion = LogAnchor.storedInclusion(
                    connection, heads, chainPosition - 1, LogAnchor.leafAt(connection, chainPosition));
            LogAnchor.Consistency sinceKept =
                    fromSize == null ? null : LogAnchor.storedConsistency(connection, heads, fromSize, fromRoot);
            if (inclusion != null && (fromSize == null || sinceKept != null)) {
                return new Proof(chainPosition, inclusion, sinceKept);
            }
            // the stored nodes stop short (deleted by hand): every leaf recomputed, as the audit does
            LogAnchor.Leaves leaves = LogAnchor.leaves(connection);
            return new Proof(
                    chainPosition,
                    LogAnchor.inclusion(leaves, heads, chainPosition - 1),
                    fromSize == null ? null : LogAnchor.consistency(leaves, heads, fromSize, fromRoot));
        }
    }
}

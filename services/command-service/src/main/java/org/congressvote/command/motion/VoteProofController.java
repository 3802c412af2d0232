package org.congressvote.command.motion;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.congressvote.api.error.DomainRuleViolation;
import org.congressvote.api.error.ErrorCode;
import org.congressvote.api.error.InputLimits;
import org.congressvote.api.vote.VoteId;
import org.congressvote.command.audit.LogAnchor;
import org.congressvote.command.identity.Principal;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The delegate's own vote in the signed log: the RFC 9162 inclusion proof of their vote against the newest signed
 * head, which their phone keeps with the vote; asked again later with the head it kept, the answer also proves that
 * the log now extends that head, so a vote removed or changed since shows on the delegate's own phone.
 */
@RestController
@RequestMapping("/api/delegate/motions")
class VoteProofController {

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;

    VoteProofController(JdbcTemplate jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /** {@code sinceKept}: null unless a kept head (fromSize, fromRoot) was sent. */
    record VoteProof(
            String motionId,
            String voteId,
            long chainPosition,
            LogAnchor.Inclusion inclusion,
            LogAnchor.Consistency sinceKept) {}

    @GetMapping("/{motionId}/proof")
    VoteProof proof(
            @PathVariable String motionId,
            @AuthenticationPrincipal Principal delegate,
            @RequestParam(required = false) Long fromSize,
            @RequestParam(required = false) String fromRoot)
            throws SQLException {
        if (fromSize != null) {
            InputLimits.number(fromSize, "fromSize", 1, Long.MAX_VALUE);
            if (fromRoot == null || !fromRoot.matches("[0-9a-fA-F]{64}")) {
                throw new DomainRuleViolation(
                        ErrorCode.INVALID_REQUEST,
                        "fromRoot must be the 64 hex digits of the " + "root of the head kept with the vote.");
            }
        }
        String voteId = VoteId.of(motionId, delegate.delegateId());
        List<Long> position = jdbc.queryForList(
                "SELECT c.position FROM event_chain c JOIN domainevententry e "
                        + "ON e.globalindex = c.global_index WHERE e.aggregateidentifier = ? AND e.sequencenumber = 0",
                Long.class,
                voteId);
        if (position.isEmpty()) {
            boolean stored = !jdbc.queryForList("SELECT 1 FROM domainevententry WHERE aggregateidentifier = ?", voteId)
                    .isEmpty();
            throw stored
                    ? new DomainRuleViolation(
                            ErrorCode.CONGRESS_STATE,
                            "Your vote is stored but not yet in the " + "log's hash chain; try again in a few seconds.")
                    : new DomainRuleViolation(
                            ErrorCode.MOTION_NOT_FOUND, "You have no vote on motion " + motionId + " in the log.");
        }
        try (Connection connection = dataSource.getConnection()) {
            LogAnchor.Leaves leaves = LogAnchor.leaves(connection);
            var heads = LogAnchor.heads(connection);
            return new VoteProof(
                    motionId,
                    voteId,
                    position.get(0),
                    LogAnchor.inclusion(leaves, heads, position.get(0) - 1),
                    fromSize == null ? null : LogAnchor.consistency(leaves, heads, fromSize, fromRoot));
        }
    }
}

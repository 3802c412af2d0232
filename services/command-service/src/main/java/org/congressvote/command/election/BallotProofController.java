package org.congressvote.command.election;

import java.sql.SQLException;
import org.congressvote.api.election.CastBallotCommand;
import org.congressvote.api.error.ErrorCode;
import org.congressvote.command.audit.LogAnchor;
import org.congressvote.command.audit.OwnEventProof;
import org.congressvote.command.identity.Principal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The delegate's own ballot participation in the signed log, as for a motion vote: the inclusion proof of their
 * {@code BallotCastEvent} (which names the delegate and the round, nothing of the ballot) against the newest signed
 * head, and later, with the head the phone kept, the proof that the log still extends it. The ballot's content is
 * in no event and in no answer here.
 */
@RestController
@RequestMapping("/api/delegate/rounds")
class BallotProofController {

    private final OwnEventProof proofs;

    BallotProofController(OwnEventProof proofs) {
        this.proofs = proofs;
    }

    /** {@code sinceKept}: null unless a kept head (fromSize, fromRoot) was sent. */
    record BallotProof(
            String roundId,
            String participationId,
            long chainPosition,
            LogAnchor.Inclusion inclusion,
            LogAnchor.Consistency sinceKept) {}

    @GetMapping("/{roundId}/proof")
    BallotProof proof(
            @PathVariable String roundId,
            @AuthenticationPrincipal Principal delegate,
            @RequestParam(required = false) Long fromSize,
            @RequestParam(required = false) String fromRoot)
            throws SQLException {
        String participationId = CastBallotCommand.participationId(roundId, delegate.delegateId());
        OwnEventProof.Proof proof = proofs.prove(
                participationId,
                fromSize,
                fromRoot,
                "ballot participation",
                ErrorCode.ROUND_NOT_FOUND,
                "You returned no ballot in round " + roundId + " in the log.");
        return new BallotProof(roundId, participationId, proof.chainPosition(), proof.inclusion(), proof.sinceKept());
    }
}

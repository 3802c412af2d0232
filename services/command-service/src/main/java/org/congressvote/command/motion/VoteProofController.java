package org.congressvote.command.motion;

import java.sql.SQLException;
import org.congressvote.api.error.ErrorCode;
import org.congressvote.api.vote.VoteId;
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
 * The delegate's own vote in the signed log: the RFC 9162 inclusion proof of their vote against the newest signed
 * head, which their phone keeps with the vote; asked again later with the head it kept, the answer also proves that
 * the log now extends that head, so a vote removed or changed since shows on the delegate's own phone.
 */
@RestController
@RequestMapping("/api/delegate/motions")
class VoteProofController {

    private final OwnEventProof proofs;

    VoteProofController(OwnEventProof proofs) {
        this.proofs = proofs;
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
        String voteId = VoteId.of(motionId, delegate.delegateId());
        OwnEventProof.Proof proof = proofs.prove(
                voteId,
                fromSize,
                fromRoot,
                "vote",
                ErrorCode.MOTION_NOT_FOUND,
                "You have no vote on motion " + motionId + " in the log.");
        return new VoteProof(motionId, voteId, proof.chainPosition(), proof.inclusion(), proof.sinceKept());
    }
}

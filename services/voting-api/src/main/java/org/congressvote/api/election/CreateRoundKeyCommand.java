package org.congressvote.api.election;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The vote-counting committee's key ceremony for the round that is started and not yet open: the public key ballots
 * are sealed to (HPKE, X25519, base64), how many shares of the private key open the box, who holds each share, and a
 * hash of each share so a wrong share is refused when presented. The private key and the shares are not in here.
 */
public record CreateRoundKeyCommand(
        @TargetAggregateIdentifier String electionId,
        String publicKey,
        int sharesRequired,
        List<String> holders,
        List<String> shareHashes,
        String createdBy) {}

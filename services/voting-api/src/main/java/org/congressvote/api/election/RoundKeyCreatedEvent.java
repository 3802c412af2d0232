package org.congressvote.api.election;

import java.util.List;

/**
 * The round's ballot box is sealed: ballots will be encrypted to {@code publicKey} (HPKE, X25519, base64). The private
 * key exists only as shares held by the vote-counting committee; {@code sharesRequired} of them open the box.
 * {@code shareHashes.get(i)} is {@link SealedBallots#shareHash} of the share of {@code holders.get(i)} (share number
 * i + 1). No share and no private key is ever in an event.
 */
public record RoundKeyCreatedEvent(
        String electionId,
        String congressId,
        String roundId,
        int round,
        String publicKey,
        int sharesRequired,
        List<String> holders,
        List<String> shareHashes,
        String createdBy) {}

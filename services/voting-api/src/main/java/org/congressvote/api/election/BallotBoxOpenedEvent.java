package org.congressvote.api.election;

import java.util.List;

/**
 * The vote-counting committee opened the round's sealed box at its close: which members presented a share (in the
 * order they did), how many were required, and the receipt hashes of every sealed ballot opened and counted
 * (sorted, and never beside a ballot's content), so each delegate can check their ballot was counted without being
 * able to show anyone what it said. Applied just before the round's {@link RoundClosedEvent}.
 */
public record BallotBoxOpenedEvent(
        String electionId,
        String congressId,
        String roundId,
        int round,
        List<String> openedBy,
        int sharesRequired,
        List<String> countedReceipts) {}

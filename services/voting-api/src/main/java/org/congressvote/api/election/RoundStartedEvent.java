package org.congressvote.api.election;

import java.util.List;

/**
 * A round's list is fixed. {@code newNamesDecidedBy}: the motion by which the congress added names beyond the
 * approved list to this round's list, or null.
 */
public record RoundStartedEvent(
        String electionId,
        String congressId,
        String roundId,
        int round,
        int seats,
        List<Candidate> candidates,
        String newNamesDecidedBy) {

    public RoundStartedEvent(
            String electionId, String congressId, String roundId, int round, int seats, List<Candidate> candidates) {
        this(electionId, congressId, roundId, round, seats, candidates, null);
    }
}

package org.congressvote.api.election;

import java.util.List;

/**
 * A round's list is fixed. {@code seats}: the seats still unfilled; {@code alternateSeats}: the alternate seats still
 * unfilled (0 for an election without alternates, and in older events); a ballot keeps at most both together.
 * {@code newNamesDecidedBy}: the motion by which the congress added names beyond the approved list to this round's
 * list, or null.
 */
public record RoundStartedEvent(
        String electionId,
        String congressId,
        String roundId,
        int round,
        int seats,
        List<Candidate> candidates,
        String newNamesDecidedBy,
        Integer alternateSeats) {

    /** A wrapper, not an int: an event stored before the field has none (fail-on-null-for-primitives refuses that). */
    public RoundStartedEvent {
        alternateSeats = alternateSeats == null ? 0 : alternateSeats;
    }

    public RoundStartedEvent(
            String electionId,
            String congressId,
            String roundId,
            int round,
            int seats,
            List<Candidate> candidates,
            String newNamesDecidedBy) {
        this(electionId, congressId, roundId, round, seats, candidates, newNamesDecidedBy, 0);
    }

    public RoundStartedEvent(
            String electionId, String congressId, String roundId, int round, int seats, List<Candidate> candidates) {
        this(electionId, congressId, roundId, round, seats, candidates, null);
    }
}

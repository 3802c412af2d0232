package org.congressvote.api.election;

/** A name put forward, by whom, and whether the nominee is a delegate or a member who consented. */
public record CandidateNominatedEvent(
        String electionId,
        String congressId,
        String candidateId,
        String fullName,
        NominationKind kind,
        String nominatedBy,
        boolean delegate,
        String consent) {}

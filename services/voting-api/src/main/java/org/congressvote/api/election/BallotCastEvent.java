package org.congressvote.api.election;

/**
 * That a delegate returned a ballot in a round: participation only. What the ballot says is never in this event;
 * it is released, unlinkable and shuffled, in {@link RoundClosedEvent}. {@code requestHash} lets a retried request be
 * recognised; it says nothing about the ballot.
 */
public record BallotCastEvent(
        String participationId,
        String electionId,
        String roundId,
        String congressId,
        String delegateId,
        String requestHash) {}

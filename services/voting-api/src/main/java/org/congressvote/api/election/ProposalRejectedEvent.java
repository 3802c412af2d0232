package org.congressvote.api.election;

/** The congress did not adopt motion {@code motionId}: the proposal (seats, list or withdrawal) changes nothing. */
public record ProposalRejectedEvent(String electionId, String congressId, String motionId) {}

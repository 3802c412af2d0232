package org.congressvote.api.election;

/** The number of seats and the surplus put to the congress by motion {@code motionId}. */
public record SeatsProposedEvent(String electionId, String congressId, String motionId, int seats, int surplus) {}

package org.congressvote.api.election;

/** The congress adopted motion {@code motionId}: the election has {@code seats} seats and a list of at most seats + surplus. */
public record SeatsDecidedEvent(String electionId, String congressId, String motionId, int seats, int surplus) {}

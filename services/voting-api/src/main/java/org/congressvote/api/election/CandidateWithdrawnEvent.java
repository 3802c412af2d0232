package org.congressvote.api.election;

/** The congress adopted motion {@code motionId}: the nominee's withdrawal is accepted, their name leaves the list. */
public record CandidateWithdrawnEvent(String electionId, String congressId, String motionId, String candidateId) {}

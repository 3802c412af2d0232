package org.congressvote.api.election;

/** The ballots of a round as released at its close. */
public record FetchPublishedBallotsQuery(String electionId, int round) {}

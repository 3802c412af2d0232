package org.congressvote.api.election;

public record RoundOpenedEvent(String electionId, String congressId, String roundId, int round) {}

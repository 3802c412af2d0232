package org.congressvote.api.election;

import java.util.List;

public record RoundStartedEvent(
        String electionId, String congressId, String roundId, int round, int seats, List<Candidate> candidates) {}

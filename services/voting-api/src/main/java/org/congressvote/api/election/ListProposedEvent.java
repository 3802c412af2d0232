package org.congressvote.api.election;

import java.util.List;

public record ListProposedEvent(String electionId, String congressId, String motionId, List<Candidate> candidates) {}

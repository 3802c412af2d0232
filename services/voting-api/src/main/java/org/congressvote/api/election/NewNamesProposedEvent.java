package org.congressvote.api.election;

import java.util.List;

/** Names proposed for round {@code round}'s list beyond the approved list, put to the congress by {@code motionId}. */
public record NewNamesProposedEvent(
        String electionId, String congressId, String motionId, int round, List<Candidate> candidates) {}

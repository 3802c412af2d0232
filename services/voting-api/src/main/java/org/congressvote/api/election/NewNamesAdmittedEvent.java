package org.congressvote.api.election;

import java.util.List;

/** The congress adopted motion {@code motionId}: round {@code round} may list these names too. */
public record NewNamesAdmittedEvent(
        String electionId, String congressId, String motionId, int round, List<Candidate> candidates) {}

package org.congressvote.api.election;

import java.util.List;

/** The congress adopted motion {@code motionId}: the first round's list. */
public record CandidateListApprovedEvent(
        String electionId, String congressId, String motionId, List<Candidate> candidates) {}

package org.congressvote.api.election;

import java.util.List;

/**
 * The ballot list of a round, published at its close in the shuffled order of the closing event; empty while the
 * round is not closed.
 */
public record PublishedBallotsResponse(
        String electionId,
        String roundId,
        int round,
        RoundStatus status,
        List<Candidate> candidates,
        List<PublishedBallot> ballots) {}

package org.congressvote.api.election;

import java.util.List;
import org.congressvote.api.motion.DecisionRule;

/**
 * The count of a closed round, as its closing event carries it: ballots issued, returned, valid and invalid; the base
 * and threshold applied; votes per candidate in order; who is elected; who is tied for the last seats.
 */
public record RoundResult(
        long summoned,
        long present,
        long issued,
        long returned,
        long valid,
        long invalid,
        DecisionRule.Base base,
        long baseCount,
        long threshold,
        List<CandidateResult> results,
        List<String> elected,
        List<String> tiedForLastSeat,
        int seatsRemaining) {}

package org.congressvote.api.election;

import java.util.List;
import org.congressvote.api.motion.DecisionRule;

/**
 * The close of a round and its count (the content of the minutes): ballots issued (delegates present), returned,
 * valid and invalid; votes per candidate in order; the base and threshold applied; who is elected; candidates tied
 * for the last seats (not decided by the software: the congress decides, with a further round); the ballots
 * themselves, in an order that says nothing of the order they were cast in.
 */
public record RoundClosedEvent(
        String electionId,
        String congressId,
        String roundId,
        int round,
        int seats,
        DecisionRule rule,
        long summoned,
        long present,
        long issued,
        long returned,
        long valid,
        long invalid,
        long baseCount,
        long threshold,
        List<CandidateResult> results,
        List<String> elected,
        List<String> tiedForLastSeat,
        int seatsRemaining,
        List<ReleasedBallot> ballots) {}

package org.congressvote.api.election;

import java.util.List;
import org.congressvote.api.motion.DecisionRule;

/**
 * The close of a round and its count (the content of the minutes): ballots issued (members of the electorate present),
 * returned, valid and invalid; votes per candidate in order; the base and threshold applied; who is elected; candidates
 * tied where the software cannot place them (not decided by the software: the congress decides, with a further round);
 * the ballots themselves, in an order that says nothing of the order they were cast in.
 * <p>
 * Fields added with bodies and alternates (defaults in events stored before them): {@code alternateSeats}, the round's
 * alternate seats; {@code alternates}, the alternates this round made, in rank order, the first of rank
 * {@code firstAlternateRank}; {@code alternateSeatsRemaining}; {@code tiedAtPosition}, the first place in the round's
 * ranking (1 to seats + alternateSeats) that the tied candidates would take, 0 when nobody is tied; the electorate whose
 * base was applied ({@code electorateElectionId} and {@code electorateTitle}, null for the congress).
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
        List<ReleasedBallot> ballots,
        Integer alternateSeats,
        List<String> alternates,
        Integer firstAlternateRank,
        Integer alternateSeatsRemaining,
        Integer tiedAtPosition,
        String electorateElectionId,
        String electorateTitle) {

    public RoundClosedEvent {
        results = results == null ? List.of() : results;
        elected = elected == null ? List.of() : elected;
        tiedForLastSeat = tiedForLastSeat == null ? List.of() : tiedForLastSeat;
        ballots = ballots == null ? List.of() : ballots;
        // wrappers, not ints: an event stored before them has none (fail-on-null-for-primitives refuses a missing int)
        alternateSeats = alternateSeats == null ? 0 : alternateSeats;
        alternates = alternates == null ? List.of() : alternates;
        firstAlternateRank = firstAlternateRank == null || firstAlternateRank < 1 ? 1 : firstAlternateRank;
        alternateSeatsRemaining = alternateSeatsRemaining == null ? 0 : alternateSeatsRemaining;
        tiedAtPosition = tiedAtPosition == null ? 0 : tiedAtPosition;
        if (tiedAtPosition == 0 && !tiedForLastSeat.isEmpty()) {
            // events stored before positions were recorded: ties were only ever for the last seats
            tiedAtPosition = seats - seatsRemaining + 1;
        }
    }

    /** A round of an election of the congress, without alternates (as every round closed before either existed). */
    public RoundClosedEvent(
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
            List<ReleasedBallot> ballots) {
        this(
                electionId,
                congressId,
                roundId,
                round,
                seats,
                rule,
                summoned,
                present,
                issued,
                returned,
                valid,
                invalid,
                baseCount,
                threshold,
                results,
                elected,
                tiedForLastSeat,
                seatsRemaining,
                ballots,
                0,
                List.of(),
                1,
                0,
                0,
                null,
                null);
    }
}

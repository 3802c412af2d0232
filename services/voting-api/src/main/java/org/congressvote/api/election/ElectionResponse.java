package org.congressvote.api.election;

import java.util.List;
import org.congressvote.api.motion.DecisionRule;

/**
 * A secret-ballot election and its rounds. While a round is open it shows only its turnout (ballots returned); once
 * closed, its result. Who returned a ballot is never part of this view. {@code electorateElectionId} and
 * {@code electorateTitle}: the body whose members vote (null: the congress); {@code eligibleFromElectionId}: the body
 * the candidates come from (null: anyone nominated); {@code alternates}: every alternate of the election in rank order.
 */
public record ElectionResponse(
        String electionId,
        String congressId,
        String title,
        int seats,
        DecisionRule rule,
        int seatsFilled,
        List<Round> rounds,
        int alternateSeats,
        List<RankedAlternate> alternates,
        String electorateElectionId,
        String electorateTitle,
        String eligibleFromElectionId,
        List<String> excludingElectionIds) {

    public ElectionResponse {
        alternates = alternates == null ? List.of() : alternates;
        excludingElectionIds = excludingElectionIds == null ? List.of() : excludingElectionIds;
    }

    public ElectionResponse(
            String electionId,
            String congressId,
            String title,
            int seats,
            DecisionRule rule,
            int seatsFilled,
            List<Round> rounds) {
        this(
                electionId,
                congressId,
                title,
                seats,
                rule,
                seatsFilled,
                rounds,
                0,
                List.of(),
                null,
                null,
                null,
                List.of());
    }

    /** The same election without its rounds. */
    public ElectionResponse withoutRounds() {
        return new ElectionResponse(
                electionId,
                congressId,
                title,
                seats,
                rule,
                seatsFilled,
                List.of(),
                alternateSeats,
                alternates,
                electorateElectionId,
                electorateTitle,
                eligibleFromElectionId,
                excludingElectionIds);
    }

    /** {@code alternateSeats}: the alternate seats still unfilled when the round started. */
    public record Round(
            String roundId,
            int round,
            int seats,
            List<Candidate> candidates,
            RoundStatus status,
            long turnout,
            RoundResult result,
            int alternateSeats) {

        public Round(
                String roundId,
                int round,
                int seats,
                List<Candidate> candidates,
                RoundStatus status,
                long turnout,
                RoundResult result) {
            this(roundId, round, seats, candidates, status, turnout, result, 0);
        }
    }
}

package org.congressvote.api.election;

import java.util.List;
import org.congressvote.api.motion.DecisionRule;

/**
 * A secret-ballot election and its rounds. While a round is open it shows only its turnout (ballots returned); once
 * closed, its result. Who returned a ballot is never part of this view. {@code nominations}: on an election that takes
 * them, the names put forward and what the congress decided by show of hands (seats, surplus, withdrawals, the list,
 * names added to a later round). {@code electorateElectionId} and {@code electorateTitle}: the body whose members vote (null: the congress); {@code eligibleFromElectionId}: the body
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
        List<String> excludingElectionIds,
        Nominations nominations) {

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
                List.of(),
                null);
    }

    /** The same election with the bodies' and the delegation's fields, and no nominations (a list given). */
    public ElectionResponse(
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
        this(
                electionId,
                congressId,
                title,
                seats,
                rule,
                seatsFilled,
                rounds,
                alternateSeats,
                alternates,
                electorateElectionId,
                electorateTitle,
                eligibleFromElectionId,
                excludingElectionIds,
                null);
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
                excludingElectionIds,
                nominations);
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

    /**
     * How the list comes about. {@code seatsDecided} and {@code surplus}: the congress's vote on them (the list has at
     * most seats + surplus names); {@code nominees}: in the order named, those withdrawn marked; {@code approvedList}:
     * null until the congress approved it; {@code proposals}: what was put to the congress, in order, with the outcome.
     */
    public record Nominations(
            ElectionProcedure procedure,
            boolean seatsDecided,
            int surplus,
            List<Nominee> nominees,
            List<Candidate> approvedList,
            List<Proposal> proposals) {}

    /** A name put forward: by whom, whether a delegate or a member who consented, and whether withdrawn. */
    public record Nominee(
            String candidateId,
            String fullName,
            NominationKind kind,
            String nominatedBy,
            boolean delegate,
            boolean consentRecorded,
            boolean withdrawn) {}

    /**
     * A proposal the congress decides by show of hands (motion {@code motionId}): the fields of its kind are set, the
     * others null ({@code round}: the round new names are added to).
     */
    public record Proposal(
            String motionId,
            ProposalKind kind,
            Integer seats,
            Integer surplus,
            String candidateId,
            String reason,
            List<Candidate> candidates,
            Integer round,
            ProposalOutcome outcome) {}

    public enum ProposalKind {
        SEATS,
        WITHDRAWAL,
        LIST,
        NEW_NAMES
    }

    public enum ProposalOutcome {
        PENDING,
        ADOPTED,
        REJECTED
    }
}

package org.congressvote.api.election;

import java.util.List;
import org.congressvote.api.motion.DecisionRule;

/**
 * The count of a closed round, as its closing event carries it: ballots issued, returned, valid and invalid; the base
 * and threshold applied; votes per candidate in order; who is elected; who is tied where the software cannot place
 * them. {@code electorateTitle}: the body whose members voted (null: the congress); {@code baseText} says the base
 * as the minutes do ("33 ủy viên Ban Chấp hành triệu tập, quá nửa là 17"). {@code alternates}: the alternates this
 * round made, in rank order; {@code tiedAtPosition}: the first place of the round's ranking (1 to seats +
 * alternateSeats) the tied candidates would take, 0 when none are tied.
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
        int seatsRemaining,
        int alternateSeats,
        List<RankedAlternate> alternates,
        int alternateSeatsRemaining,
        int tiedAtPosition,
        String electorateTitle,
        String baseText) {

    public RoundResult {
        alternates = alternates == null ? List.of() : alternates;
    }

    public RoundResult(
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
            int seatsRemaining) {
        this(
                summoned,
                present,
                issued,
                returned,
                valid,
                invalid,
                base,
                baseCount,
                threshold,
                results,
                elected,
                tiedForLastSeat,
                seatsRemaining,
                0,
                List.of(),
                0,
                0,
                null,
                null);
    }
}

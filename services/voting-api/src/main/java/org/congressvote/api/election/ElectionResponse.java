package org.congressvote.api.election;

import java.util.List;
import org.congressvote.api.motion.DecisionRule;

/**
 * A secret-ballot election and its rounds. While a round is open it shows only its turnout (ballots returned); once
 * closed, its result. Who returned a ballot is never part of this view.
 */
public record ElectionResponse(
        String electionId,
        String congressId,
        String title,
        int seats,
        DecisionRule rule,
        int seatsFilled,
        List<Round> rounds) {

    public record Round(
            String roundId,
            int round,
            int seats,
            List<Candidate> candidates,
            RoundStatus status,
            long turnout,
            RoundResult result) {}
}

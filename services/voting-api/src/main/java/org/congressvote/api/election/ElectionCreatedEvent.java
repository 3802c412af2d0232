package org.congressvote.api.election;

import java.util.List;
import org.congressvote.api.motion.DecisionRule;

/**
 * An election is set up. {@code alternateSeats}: alternates allocated beside the seats (0 in events stored before
 * them). {@code electorateElectionId}: the election that formed the body whose members vote, with that body's name
 * {@code electorateTitle}; both null when the congress votes (and in older events). {@code eligibleFromElectionId}:
 * only people elected there may be candidates (null: anyone); {@code excludingElectionIds}: nobody elected there may.
 */
public record ElectionCreatedEvent(
        String electionId,
        String congressId,
        String title,
        int seats,
        DecisionRule rule,
        ElectionProcedure procedure,
        Integer alternateSeats,
        String electorateElectionId,
        String electorateTitle,
        String eligibleFromElectionId,
        List<String> excludingElectionIds) {

    /** The charter's rule unless said otherwise; events stored before nominations existed had a given list. */
    public ElectionCreatedEvent {
        rule = rule == null ? DecisionRule.MAJORITY_OF_SUMMONED : rule;
        procedure = procedure == null ? ElectionProcedure.LIST_GIVEN : procedure;
        // a wrapper, not an int: an event stored before the field has none, and a missing int is refused
        // (fail-on-null-for-primitives)
        alternateSeats = alternateSeats == null ? 0 : alternateSeats;
        excludingElectionIds = excludingElectionIds == null ? List.of() : List.copyOf(excludingElectionIds);
    }

    public ElectionCreatedEvent(
            String electionId,
            String congressId,
            String title,
            int seats,
            DecisionRule rule,
            ElectionProcedure procedure) {
        this(electionId, congressId, title, seats, rule, procedure, 0, null, null, null, null);
    }

    public ElectionCreatedEvent(String electionId, String congressId, String title, int seats, DecisionRule rule) {
        this(electionId, congressId, title, seats, rule, null);
    }
}

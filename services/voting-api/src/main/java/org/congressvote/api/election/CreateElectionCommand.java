package org.congressvote.api.election;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.congressvote.api.motion.DecisionRule;

/**
 * A secret-ballot election (bau cu) of {@code seats} members, e.g. the executive committee; rounds follow. With
 * {@link ElectionProcedure#SEATS_VOTED} the seats are 0 until the congress votes them.
 */
public record CreateElectionCommand(
        @TargetAggregateIdentifier String electionId,
        String congressId,
        String title,
        int seats,
        DecisionRule rule,
        ElectionProcedure procedure) {

    /** The charter's rule and a list given by the secretariat unless said otherwise. */
    public CreateElectionCommand {
        rule = rule == null ? DecisionRule.MAJORITY_OF_SUMMONED : rule;
        procedure = procedure == null ? ElectionProcedure.LIST_GIVEN : procedure;
    }

    public CreateElectionCommand(String electionId, String congressId, String title, int seats, DecisionRule rule) {
        this(electionId, congressId, title, seats, rule, null);
    }
}

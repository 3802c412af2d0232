package org.congressvote.api.election;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.congressvote.api.motion.DecisionRule;

/** A secret-ballot election (bau cu) of {@code seats} members, e.g. the executive committee; rounds follow. */
public record CreateElectionCommand(
        @TargetAggregateIdentifier String electionId, String congressId, String title, int seats, DecisionRule rule) {

    /** The charter's rule unless said otherwise. */
    public CreateElectionCommand {
        rule = rule == null ? DecisionRule.MAJORITY_OF_SUMMONED : rule;
    }
}

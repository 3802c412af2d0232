package org.congressvote.api.election;

import org.congressvote.api.motion.DecisionRule;

public record ElectionCreatedEvent(String electionId, String congressId, String title, int seats, DecisionRule rule) {

    /** The charter's rule unless said otherwise. */
    public ElectionCreatedEvent {
        rule = rule == null ? DecisionRule.MAJORITY_OF_SUMMONED : rule;
    }
}

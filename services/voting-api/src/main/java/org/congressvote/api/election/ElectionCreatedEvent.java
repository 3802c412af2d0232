package org.congressvote.api.election;

import org.congressvote.api.motion.DecisionRule;

public record ElectionCreatedEvent(
        String electionId, String congressId, String title, int seats, DecisionRule rule, ElectionProcedure procedure) {

    /** The charter's rule unless said otherwise; events stored before nominations existed had a given list. */
    public ElectionCreatedEvent {
        rule = rule == null ? DecisionRule.MAJORITY_OF_SUMMONED : rule;
        procedure = procedure == null ? ElectionProcedure.LIST_GIVEN : procedure;
    }

    public ElectionCreatedEvent(String electionId, String congressId, String title, int seats, DecisionRule rule) {
        this(electionId, congressId, title, seats, rule, null);
    }
}

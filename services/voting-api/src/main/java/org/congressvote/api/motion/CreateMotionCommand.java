package org.congressvote.api.motion;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Puts a motion on the agenda of a congress, with the rule that decides it (default: more than half of the
 * delegates summoned); it is voted on, by show of hands, only once opened.
 */
public record CreateMotionCommand(@TargetAggregateIdentifier String motionId, String congressId, String title,
                                  MotionKind kind, DecisionRule rule) {

    public CreateMotionCommand(String motionId, String congressId, String title) {
        this(motionId, congressId, title, MotionKind.PROCEDURAL, DecisionRule.MAJORITY_OF_SUMMONED);
    }
}

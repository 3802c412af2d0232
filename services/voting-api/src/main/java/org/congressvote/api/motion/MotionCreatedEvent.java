package org.congressvote.api.motion;

public record MotionCreatedEvent(String motionId, String congressId, String title, MotionKind kind, DecisionRule rule,
                                 String text) {

    public MotionCreatedEvent(String motionId, String congressId, String title) {
        this(motionId, congressId, title, MotionKind.PROCEDURAL, DecisionRule.MAJORITY_OF_SUMMONED, null);
    }

    public MotionCreatedEvent(String motionId, String congressId, String title, MotionKind kind, DecisionRule rule) {
        this(motionId, congressId, title, kind, rule, null);
    }
}

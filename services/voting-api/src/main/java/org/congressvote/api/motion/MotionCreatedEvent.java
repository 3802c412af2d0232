package org.congressvote.api.motion;

public record MotionCreatedEvent(String motionId, String congressId, String title, MotionKind kind, DecisionRule rule) {

    public MotionCreatedEvent(String motionId, String congressId, String title) {
        this(motionId, congressId, title, MotionKind.PROCEDURAL, DecisionRule.MAJORITY_OF_SUMMONED);
    }
}

package org.congressvote.api.motion;

public record MotionCreatedEvent(String motionId, String congressId, String title) {
}

package org.congressvote.api.motion;

public record MotionClosedEvent(String motionId, String congressId) {
}

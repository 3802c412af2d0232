package org.congressvote.api.motion;

public record MotionOpenedEvent(String motionId, String congressId) {}

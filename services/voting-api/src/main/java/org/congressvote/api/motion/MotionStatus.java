package org.congressvote.api.motion;

public enum MotionStatus {
    CREATED,
    OPEN,
    CLOSED
}

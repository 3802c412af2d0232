package org.congressvote.api.motion;

/** Counts per choice of one motion; {@code voted} is the number of delegates who voted. */
public record TallyResponse(String motionId, String congressId, String title, MotionStatus status,
                            long agree, long disagree, long abstain, long voted) {
}

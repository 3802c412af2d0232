package org.congressvote.api.motion;

/**
 * The close of an open vote and its result, decided by the motion's rule on the count of the votes stored before the
 * close: the base (e.g. delegates summoned after the legal exclusions), the threshold, the counts, adopted or not.
 */
public record MotionClosedEvent(
        String motionId,
        String congressId,
        DecisionRule rule,
        long summoned,
        long present,
        long agree,
        long disagree,
        long abstain,
        long baseCount,
        long threshold,
        boolean adopted,
        String decides) {

    public MotionClosedEvent(
            String motionId,
            String congressId,
            DecisionRule rule,
            long summoned,
            long present,
            long agree,
            long disagree,
            long abstain,
            long baseCount,
            long threshold,
            boolean adopted) {
        this(
                motionId,
                congressId,
                rule,
                summoned,
                present,
                agree,
                disagree,
                abstain,
                baseCount,
                threshold,
                adopted,
                null);
    }
}

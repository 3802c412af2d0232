package org.congressvote.api.motion;

/**
 * The close of an open vote and its result, decided by the motion's rule on the count of the votes stored before the
 * close: the base (e.g. delegates summoned after the legal exclusions), the threshold, the counts, adopted or not.
 * {@code electorateElectionId} and {@code electorateTitle}: the body whose members voted (summoned and present are
 * its members'), null when the congress voted (and in events stored before bodies voted motions).
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
        String decides,
        String electorateElectionId,
        String electorateTitle) {

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
            boolean adopted,
            String decides) {
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
                decides,
                null,
                null);
    }

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

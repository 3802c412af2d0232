package org.congressvote.api.motion;

/**
 * One motion with its rule and its count. While it is open the counts are the live ones; once closed they are the
 * counts of the close and {@code result} holds the base, the threshold and whether the motion was adopted.
 * {@code voted} is the number of delegates who voted. {@code electorateElectionId} and {@code electorateTitle}: the body
 * whose members vote on it (its summoned and present are the members'), null when the congress votes.
 */
public record MotionTallyResponse(
        String motionId,
        String congressId,
        String title,
        MotionKind kind,
        DecisionRule rule,
        String text,
        MotionStatus status,
        long agree,
        long disagree,
        long abstain,
        long voted,
        MotionResult result,
        String electorateElectionId,
        String electorateTitle) {

    public MotionTallyResponse(
            String motionId,
            String congressId,
            String title,
            MotionKind kind,
            DecisionRule rule,
            String text,
            MotionStatus status,
            long agree,
            long disagree,
            long abstain,
            long voted,
            MotionResult result) {
        this(
                motionId,
                congressId,
                title,
                kind,
                rule,
                text,
                status,
                agree,
                disagree,
                abstain,
                voted,
                result,
                null,
                null);
    }
}

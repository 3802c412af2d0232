package org.congressvote.api.motion;

/**
 * A motion is put on the agenda. {@code decides}: the election whose proposal it decides, else null.
 * {@code electorateElectionId}: the election that formed the body whose members vote on it, with that body's name
 * {@code electorateTitle}; both null when the congress votes (and in events stored before bodies voted motions).
 */
public record MotionCreatedEvent(
        String motionId,
        String congressId,
        String title,
        MotionKind kind,
        DecisionRule rule,
        String text,
        String decides,
        String electorateElectionId,
        String electorateTitle) {

    /** A procedural motion on the charter's rule unless said otherwise (and in events stored before either existed). */
    public MotionCreatedEvent {
        kind = kind == null ? MotionKind.PROCEDURAL : kind;
        rule = rule == null ? DecisionRule.MAJORITY_OF_SUMMONED : rule;
    }

    public MotionCreatedEvent(
            String motionId,
            String congressId,
            String title,
            MotionKind kind,
            DecisionRule rule,
            String text,
            String decides) {
        this(motionId, congressId, title, kind, rule, text, decides, null, null);
    }

    public MotionCreatedEvent(
            String motionId, String congressId, String title, MotionKind kind, DecisionRule rule, String text) {
        this(motionId, congressId, title, kind, rule, text, null);
    }

    public MotionCreatedEvent(String motionId, String congressId, String title) {
        this(motionId, congressId, title, MotionKind.PROCEDURAL, DecisionRule.MAJORITY_OF_SUMMONED, null);
    }

    public MotionCreatedEvent(String motionId, String congressId, String title, MotionKind kind, DecisionRule rule) {
        this(motionId, congressId, title, kind, rule, null);
    }
}

package org.congressvote.api.motion;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Puts a motion on the agenda of a congress, with the rule that decides it (default: more than half of the
 * delegates summoned) and, for a resolution, its text; it is voted on, by show of hands, only once opened.
 * {@code decides}: the election whose proposal (seats, list, withdrawal) this motion decides, or null.
 * {@code electorateElectionId}: the election that formed the body whose members vote on it (the executive committee
 * at its first plenum), null when the congress votes.
 */
public record CreateMotionCommand(
        @TargetAggregateIdentifier String motionId,
        String congressId,
        String title,
        MotionKind kind,
        DecisionRule rule,
        String text,
        String decides,
        String electorateElectionId) {

    /** A procedural motion on the charter's rule unless said otherwise. */
    public CreateMotionCommand {
        kind = kind == null ? MotionKind.PROCEDURAL : kind;
        rule = rule == null ? DecisionRule.MAJORITY_OF_SUMMONED : rule;
    }

    public CreateMotionCommand(
            String motionId,
            String congressId,
            String title,
            MotionKind kind,
            DecisionRule rule,
            String text,
            String decides) {
        this(motionId, congressId, title, kind, rule, text, decides, null);
    }

    public CreateMotionCommand(
            String motionId, String congressId, String title, MotionKind kind, DecisionRule rule, String text) {
        this(motionId, congressId, title, kind, rule, text, null);
    }

    public CreateMotionCommand(String motionId, String congressId, String title) {
        this(motionId, congressId, title, MotionKind.PROCEDURAL, DecisionRule.MAJORITY_OF_SUMMONED, null);
    }

    public CreateMotionCommand(String motionId, String congressId, String title, MotionKind kind, DecisionRule rule) {
        this(motionId, congressId, title, kind, rule, null);
    }
}

package org.congressvote.api.motion;

/**
 * The result decided at the close of a motion, as the closing event carries it: the delegates summoned and present,
 * the counts, which base the rule names and its size, the threshold, adopted or not.
 */
public record MotionResult(
        long summoned,
        long present,
        long agree,
        long disagree,
        long abstain,
        DecisionRule.Base base,
        long baseCount,
        long threshold,
        boolean adopted) {}

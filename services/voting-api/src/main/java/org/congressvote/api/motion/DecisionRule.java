package org.congressvote.api.motion;

import org.congressvote.api.congress.Fraction;

/**
 * What a motion or a candidate needs to pass: a fraction of a base, either strictly more than it or at least it.
 * The party charter's rule for a delegate congress is more than half of the delegates summoned (after the legal
 * exclusions): {@link #MAJORITY_OF_SUMMONED}.
 */
public record DecisionRule(Base base, Fraction fraction, boolean strictlyMore) {

    public static final DecisionRule MAJORITY_OF_SUMMONED = new DecisionRule(Base.SUMMONED, Fraction.HALF, true);

    /** What the fraction is taken of. */
    public enum Base {
        /** Official delegates summoned, less those absent for the whole congress with no alternate seated. */
        SUMMONED,
        /** Delegates present when the vote closed. */
        PRESENT,
        /** Valid ballots (elections) or votes cast (open votes). */
        VALID_BALLOTS
    }

    public DecisionRule {
        if (base == null || fraction == null) {
            throw new IllegalArgumentException("a decision rule needs a base and a fraction");
        }
    }

    /** The smallest number of votes that passes on a base of {@code baseCount}. */
    public long threshold(long baseCount) {
        return strictlyMore ? fraction.moreThan(baseCount) : fraction.atLeast(baseCount);
    }

    public boolean passes(long votes, long baseCount) {
        return baseCount > 0 && votes >= threshold(baseCount);
    }
}

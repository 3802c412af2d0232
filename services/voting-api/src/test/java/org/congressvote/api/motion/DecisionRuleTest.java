package org.congressvote.api.motion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.congressvote.api.congress.Fraction;
import org.junit.jupiter.api.Test;

class DecisionRuleTest {

    private final DecisionRule charter = DecisionRule.MAJORITY_OF_SUMMONED;

    @Test
    void moreThanHalfOf245Is123() {
        assertEquals(123, charter.threshold(245));
        assertFalse(charter.passes(122, 245));
        assertTrue(charter.passes(123, 245));
    }

    @Test
    void moreThanHalfOfAnEvenBaseNeedsOneMoreThanHalf() {
        assertEquals(121, charter.threshold(240));
        assertFalse(charter.passes(120, 240));
    }

    @Test
    void legalExclusionsShrinkTheBase() {
        // 245 summoned, 3 absent for the whole congress with no alternate: base 242, threshold 122
        assertEquals(122, charter.threshold(242));
        assertTrue(charter.passes(122, 242));
    }

    @Test
    void twoThirdsAtLeastRoundsUp() {
        DecisionRule twoThirds = new DecisionRule(DecisionRule.Base.PRESENT, Fraction.TWO_THIRDS, false);
        assertEquals(164, twoThirds.threshold(245));
        assertEquals(2, twoThirds.threshold(3));
    }

    @Test
    void nothingPassesOnAnEmptyBase() {
        assertFalse(charter.passes(0, 0));
    }
}

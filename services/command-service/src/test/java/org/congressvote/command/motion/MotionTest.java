package org.congressvote.command.motion;

import static org.congressvote.command.Violations.violationOf;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.congressvote.api.error.ErrorCode;
import org.congressvote.api.motion.CloseMotionCommand;
import org.congressvote.api.motion.CreateMotionCommand;
import org.congressvote.api.motion.DecisionRule;
import org.congressvote.api.motion.MotionClosedEvent;
import org.congressvote.api.motion.MotionCreatedEvent;
import org.congressvote.api.motion.MotionOpenedEvent;
import org.congressvote.api.motion.OpenMotionCommand;
import org.congressvote.command.gate.FakeVotingGate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MotionTest {

    private static final MotionCreatedEvent CREATED =
            new MotionCreatedEvent("m1", "c", "Thông qua chương trình đại hội");

    private FixtureConfiguration<Motion> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Motion.class);
        fixture.registerInjectableResource(new FakeVotingGate().congress("c"));
    }

    /** The close of a motion nobody voted on, in a congress the fake gate knows no seats of: not adopted. */
    private static final MotionClosedEvent CLOSED_EMPTY =
            new MotionClosedEvent("m1", "c", DecisionRule.MAJORITY_OF_SUMMONED, 0, 0, 0, 0, 0, 0, 1, false);

    @Test
    void motionIsCreatedForAnExistingCongress() {
        fixture.givenNoPriorActivity()
                .when(new CreateMotionCommand("m1", "c", "Thông qua chương trình đại hội"))
                .expectEvents(CREATED);
    }

    @Test
    void motionCannotBeCreatedForAnUnknownCongress() {
        fixture.givenNoPriorActivity()
                .when(new CreateMotionCommand("m1", "other", "Thông qua chương trình đại hội"))
                .expectException(violationOf(ErrorCode.CONGRESS_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void createdMotionOpens() {
        fixture.given(CREATED).when(new OpenMotionCommand("m1")).expectEvents(new MotionOpenedEvent("m1", "c"));
    }

    @Test
    void openMotionCloses() {
        fixture.given(CREATED, new MotionOpenedEvent("m1", "c"))
                .when(new CloseMotionCommand("m1"))
                .expectEvents(CLOSED_EMPTY);
    }

    @Test
    void motionThatWasNeverOpenedCannotClose() {
        fixture.given(CREATED)
                .when(new CloseMotionCommand("m1"))
                .expectException(violationOf(ErrorCode.MOTION_NOT_OPEN))
                .expectNoEvents();
    }

    @Test
    void closedMotionCannotBeReopened() {
        fixture.given(CREATED, new MotionOpenedEvent("m1", "c"), CLOSED_EMPTY)
                .when(new OpenMotionCommand("m1"))
                .expectException(violationOf(ErrorCode.MOTION_ALREADY_CLOSED))
                .expectNoEvents();
    }
}

package org.congressvote.command.motion;

import static org.congressvote.command.Violations.violationOf;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.congressvote.api.congress.CongressStatus;
import org.congressvote.api.congress.Fraction;
import org.congressvote.api.error.ErrorCode;
import org.congressvote.api.motion.CloseMotionCommand;
import org.congressvote.api.motion.DecisionRule;
import org.congressvote.api.motion.MotionClosedEvent;
import org.congressvote.api.motion.MotionCreatedEvent;
import org.congressvote.api.motion.MotionKind;
import org.congressvote.api.motion.MotionOpenedEvent;
import org.congressvote.api.motion.OpenMotionCommand;
import org.congressvote.command.gate.FakeVotingGate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The threshold boundary of the charter: more than half of the delegates summoned, 123 of 245. */
class MotionResultTest {

    private static final DecisionRule CHARTER = DecisionRule.MAJORITY_OF_SUMMONED;
    private static final MotionCreatedEvent CREATED =
            new MotionCreatedEvent("nq", "c", "Nghị quyết đại hội", MotionKind.RESOLUTION, CHARTER);
    private static final MotionOpenedEvent OPENED = new MotionOpenedEvent("nq", "c");

    private FixtureConfiguration<Motion> fixture;
    private FakeVotingGate gate;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Motion.class);
        gate = new FakeVotingGate().congress("c");
        fixture.registerInjectableResource(gate);
    }

    @Test
    void resolutionWith122Of245IsNotAdopted() {
        gate.seats(245, 230).votes(122, 100, 8);
        fixture.given(CREATED, OPENED)
                .when(new CloseMotionCommand("nq"))
                .expectEvents(new MotionClosedEvent("nq", "c", CHARTER, 245, 230, 122, 100, 8, 245, 123, false));
    }

    @Test
    void resolutionWith123Of245IsAdopted() {
        gate.seats(245, 230).votes(123, 99, 8);
        fixture.given(CREATED, OPENED)
                .when(new CloseMotionCommand("nq"))
                .expectEvents(new MotionClosedEvent("nq", "c", CHARTER, 245, 230, 123, 99, 8, 245, 123, true));
    }

    @Test
    void majorityOfThosePresentIsNotEnough() {
        // 200 present; 122 agree is far more than half of those present, but not more than half of the 245 summoned.
        gate.seats(245, 200).votes(122, 70, 8);
        fixture.given(CREATED, OPENED)
                .when(new CloseMotionCommand("nq"))
                .expectEvents(new MotionClosedEvent("nq", "c", CHARTER, 245, 200, 122, 70, 8, 245, 123, false));
    }

    @Test
    void baseShrinksOnlyByTheLegalExclusions() {
        // 3 officials absent for the whole congress with no alternate: base 242, threshold 122.
        gate.seats(242, 200).votes(122, 70, 8);
        fixture.given(CREATED, OPENED)
                .when(new CloseMotionCommand("nq"))
                .expectEvents(new MotionClosedEvent("nq", "c", CHARTER, 242, 200, 122, 70, 8, 242, 122, true));
    }

    @Test
    void ruleOnThePresentWithTwoThirds() {
        DecisionRule rule = new DecisionRule(DecisionRule.Base.PRESENT, Fraction.TWO_THIRDS, false);
        gate.seats(245, 150).votes(100, 50, 0);
        fixture.given(new MotionCreatedEvent("nq", "c", "Quy chế", MotionKind.PROCEDURAL, rule), OPENED)
                .when(new CloseMotionCommand("nq"))
                .expectEvents(new MotionClosedEvent("nq", "c", rule, 245, 150, 100, 50, 0, 150, 100, true));
    }

    @Test
    void closingWaitsForTheVotesInProgress() {
        fixture.given(CREATED, OPENED).when(new CloseMotionCommand("nq")).expectSuccessfulHandlerExecution();
        org.assertj.core.api.Assertions.assertThat(gate.locked()).contains("nq");
    }

    @Test
    void motionOpensOnlyWhileTheCongressIsInSession() {
        gate.congress("c", CongressStatus.CREDENTIALS_VERIFIED);
        fixture.given(CREATED)
                .when(new OpenMotionCommand("nq"))
                .expectException(violationOf(ErrorCode.CONGRESS_STATE))
                .expectNoEvents();
    }
}

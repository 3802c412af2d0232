package org.congressvote.command.motion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.congressvote.command.Violations.violationOf;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.congressvote.api.error.ErrorCode;
import org.congressvote.api.error.InputLimits;
import org.congressvote.api.error.InvalidInput;
import org.congressvote.api.vote.CastVoteCommand;
import org.congressvote.api.vote.VoteCastEvent;
import org.congressvote.api.vote.VoteChoice;
import org.congressvote.api.vote.VoteId;
import org.congressvote.command.gate.FakeVotingGate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VoteTest {

    private FixtureConfiguration<Vote> fixture;
    private FakeVotingGate gate;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Vote.class);
        gate = new FakeVotingGate()
                .congress("c")
                .motion("m1", "c", true)
                .motion("m2", "c", false)
                .present("c", "D001");
        fixture.registerInjectableResource(gate);
    }

    @Test
    void presentDelegateVotesOnAnOpenMotion() {
        fixture.givenNoPriorActivity()
                .when(new CastVoteCommand("m1", "D001", VoteChoice.AGREE, "r1"))
                .expectEvents(new VoteCastEvent(VoteId.of("m1", "D001"), "m1", "c", "D001", VoteChoice.AGREE, "r1"));
    }

    @Test
    void delegateCannotVoteOnAMotionThatIsNotOpen() {
        fixture.givenNoPriorActivity()
                .when(new CastVoteCommand("m2", "D001", VoteChoice.AGREE, "r1"))
                .expectException(violationOf(ErrorCode.MOTION_NOT_OPEN))
                .expectExceptionMessage("Motion m2 is not open for voting.");
    }

    @Test
    void delegateCannotVoteOnAnUnknownMotion() {
        fixture.givenNoPriorActivity()
                .when(new CastVoteCommand("nope", "D001", VoteChoice.AGREE, "r1"))
                .expectException(violationOf(ErrorCode.MOTION_NOT_FOUND))
                .expectExceptionMessage("There is no motion nope.");
    }

    @Test
    void delegateWhoIsNotCheckedInCannotVote() {
        fixture.givenNoPriorActivity()
                .when(new CastVoteCommand("m1", "D002", VoteChoice.DISAGREE, "r1"))
                .expectException(violationOf(ErrorCode.DELEGATE_NOT_PRESENT))
                .expectExceptionMessage("Delegate D002 is not checked in, so cannot vote.");
    }

    @Test
    void voteNeedsAChoice() {
        fixture.givenNoPriorActivity()
                .when(new CastVoteCommand("m1", "D001", null, "r1"))
                .expectException(violationOf(ErrorCode.INVALID_REQUEST))
                .expectNoEvents();
    }

    /**
     * One vote per delegate and motion rests on the vote's id: every vote of a delegate on a motion names the same
     * aggregate, which PostgreSQL's unique (aggregate id, sequence number) key lets be created once. That refusal is a
     * property of the real store, tested there (CommandServiceIntegrationTest.eachDelegateVotesExactlyOnceEvenWhen
     * RequestsRace); what the aggregate contributes is the id, tested here.
     */
    @Test
    void everyVoteOfADelegateOnAMotionNamesOneAggregateAndNoOtherPairNamesIt() {
        CastVoteCommand first = new CastVoteCommand("m1", "D001", VoteChoice.AGREE, "r1");
        CastVoteCommand second = new CastVoteCommand("m1", "D001", VoteChoice.DISAGREE, "r2");

        assertThat(second.voteId()).isEqualTo(first.voteId()).isEqualTo(VoteId.of("m1", "D001"));
        assertThat(VoteId.of("m1", "D0011")).isNotEqualTo(first.voteId());
        assertThat(VoteId.of("m11", "D001")).isNotEqualTo(first.voteId());
        // ids never hold the separator, so no other (motion, delegate) pair can spell the same id
        assertThatThrownBy(() -> InputLimits.id("m1:D001", "motionId")).isInstanceOf(InvalidInput.class);
    }
}

package org.congressvote.command.motion;

import org.congressvote.command.gate.FakeVotingGate;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.congressvote.api.error.DomainRuleViolation;
import org.congressvote.api.vote.CastVoteCommand;
import org.congressvote.api.vote.VoteCastEvent;
import org.congressvote.api.vote.VoteChoice;
import org.congressvote.api.vote.VoteId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VoteTest {

    private FixtureConfiguration<Vote> fixture;
    private FakeVotingGate gate;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Vote.class);
        gate = new FakeVotingGate().congress("c").motion("m1", "c", true).motion("m2", "c", false).present("c", "D001");
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
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("Motion m2 is not open for voting.");
    }

    @Test
    void delegateCannotVoteOnAnUnknownMotion() {
        fixture.givenNoPriorActivity()
                .when(new CastVoteCommand("nope", "D001", VoteChoice.AGREE, "r1"))
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("There is no motion nope.");
    }

    @Test
    void delegateWhoIsNotCheckedInCannotVote() {
        fixture.givenNoPriorActivity()
                .when(new CastVoteCommand("m1", "D002", VoteChoice.DISAGREE, "r1"))
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("Delegate D002 is not checked in, so cannot vote.");
    }

    @Test
    void voteNeedsAChoice() {
        fixture.givenNoPriorActivity()
                .when(new CastVoteCommand("m1", "D001", null, "r1"))
                .expectException(DomainRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void delegateCannotVoteTwiceOnTheSameMotion() {
        // The second vote targets the same aggregate id, so the event store refuses it (the fixture's store says so
        // with an EventStoreException; PostgreSQL's unique key is exercised in the integration tests).
        fixture.given(new VoteCastEvent(VoteId.of("m1", "D001"), "m1", "c", "D001", VoteChoice.AGREE, "r1"))
                .when(new CastVoteCommand("m1", "D001", VoteChoice.DISAGREE, "r2"))
                .expectException(org.axonframework.eventsourcing.eventstore.EventStoreException.class)
                .expectNoEvents();
    }
}

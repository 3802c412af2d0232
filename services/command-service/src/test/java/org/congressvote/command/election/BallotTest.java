package org.congressvote.command.election;

import org.congressvote.api.election.ReceiptCode;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.congressvote.api.election.BallotCastEvent;
import org.congressvote.api.election.CastBallotCommand;
import org.congressvote.api.error.DomainRuleViolation;
import org.congressvote.command.gate.FakeVotingGate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BallotTest {

    private FixtureConfiguration<Ballot> fixture;
    private FakeBallotBox box;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Ballot.class);
        box = new FakeBallotBox();
        FakeVotingGate gate = new FakeVotingGate().congress("c")
                .round("bch-r1", "bch", "c", true, "A", "B", "C", "D")
                .round("bch-r2", "bch", "c", false, "C", "E")
                .present("c", "D001");
        fixture.registerInjectableResource(gate);
        fixture.registerInjectableResource(box);
    }

    @Test
    void ballotRecordsParticipationOnlyAndDepositsTheContentInTheBox() {
        fixture.givenNoPriorActivity()
                .when(new CastBallotCommand("bch-r1", "D001", List.of("A", "C"), "K7Q2-M9XD", "rh"))
                .expectEvents(new BallotCastEvent("ballot:bch-r1:D001", "bch", "bch-r1", "c", "D001", "rh"));
        assertThat(box.ballots).hasSize(1);
        assertThat(box.ballots.get(0).kept()).containsExactly("A", "C");
        assertThat(box.ballots.get(0).receiptHash()).isEqualTo(ReceiptCode.hash("K7Q2-M9XD")).doesNotContain("K7Q2");
    }

    @Test
    void spoiledBallotIsStillTheDelegatesRight() {
        // Keeping nobody on a list longer than the seats makes the ballot invalid, but it is accepted and returned.
        fixture.givenNoPriorActivity()
                .when(new CastBallotCommand("bch-r1", "D001", List.of(), "code", "rh"))
                .expectSuccessfulHandlerExecution();
        assertThat(box.ballots).hasSize(1);
    }

    @Test
    void ballotCannotNameSomeoneWhoIsNotACandidate() {
        fixture.givenNoPriorActivity()
                .when(new CastBallotCommand("bch-r1", "D001", List.of("Z"), "code", "rh"))
                .expectException(DomainRuleViolation.class)
                .expectNoEvents();
        assertThat(box.ballots).isEmpty();
    }

    @Test
    void ballotOnARoundThatIsNotOpenIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new CastBallotCommand("bch-r2", "D001", List.of("C"), "code", "rh"))
                .expectException(DomainRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void delegateWhoIsNotCheckedInCannotVote() {
        fixture.givenNoPriorActivity()
                .when(new CastBallotCommand("bch-r1", "D002", List.of("A"), "code", "rh"))
                .expectException(DomainRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void delegateCannotVoteTwiceInARound() {
        fixture.given(new BallotCastEvent("ballot:bch-r1:D001", "bch", "bch-r1", "c", "D001", "rh"))
                .when(new CastBallotCommand("bch-r1", "D001", List.of("A"), "code2", "rh2"))
                .expectException(org.axonframework.eventsourcing.eventstore.EventStoreException.class);
    }
}

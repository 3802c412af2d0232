package org.congressvote.command.election;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
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
        FakeVotingGate gate = new FakeVotingGate()
                .congress("c")
                .round("bch-r1", "bch", "c", true, "A", "B", "C", "D")
                .round("bch-r2", "bch", "c", false, "C", "E")
                .present("c", "D001");
        fixture.registerInjectableResource(gate);
        fixture.registerInjectableResource(box);
    }

    private final TestRoundKey key = new TestRoundKey("bch-r1", 1, 1, "A", "B", "C", "D");

    private String sealed(String... kept) {
        return Base64.getEncoder().encodeToString(key.seal(List.of(kept)));
    }

    @Test
    void ballotRecordsParticipationOnlyAndDepositsOnlyTheSealedBallotInTheBox() {
        String sealed = sealed("A", "C");
        fixture.givenNoPriorActivity()
                .when(new CastBallotCommand("bch-r1", "D001", List.of("A", "C"), sealed, "rh"))
                .expectEvents(new BallotCastEvent("ballot:bch-r1:D001", "bch", "bch-r1", "c", "D001", "rh"));
        assertThat(box.ballots).hasSize(1);
        assertThat(box.ballots.get(0)).isEqualTo(Base64.getDecoder().decode(sealed));
        try (SealedBox.OpenKey open = key.rebuild(1)) {
            assertThat(SealedBox.open(open, "bch-r1", box.ballots.get(0))).containsExactly("A", "C");
        }
    }

    @Test
    void ballotThatWasNotSealedIsNotStored() {
        fixture.givenNoPriorActivity()
                .when(new CastBallotCommand("bch-r1", "D001", List.of("A"), null, "rh"))
                .expectException(DomainRuleViolation.class)
                .expectNoEvents();
        assertThat(box.ballots).isEmpty();
    }

    @Test
    void spoiledBallotIsStillTheDelegatesRight() {
        // Keeping nobody on a list longer than the seats makes the ballot invalid, but it is accepted and returned.
        fixture.givenNoPriorActivity()
                .when(new CastBallotCommand("bch-r1", "D001", List.of(), sealed(), "rh"))
                .expectSuccessfulHandlerExecution();
        assertThat(box.ballots).hasSize(1);
    }

    @Test
    void ballotCannotNameSomeoneWhoIsNotACandidate() {
        fixture.givenNoPriorActivity()
                .when(new CastBallotCommand("bch-r1", "D001", List.of("Z"), sealed(), "rh"))
                .expectException(DomainRuleViolation.class)
                .expectNoEvents();
        assertThat(box.ballots).isEmpty();
    }

    @Test
    void ballotOnARoundThatIsNotOpenIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new CastBallotCommand("bch-r2", "D001", List.of("C"), sealed(), "rh"))
                .expectException(DomainRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void delegateWhoIsNotCheckedInCannotVote() {
        fixture.givenNoPriorActivity()
                .when(new CastBallotCommand("bch-r1", "D002", List.of("A"), sealed(), "rh"))
                .expectException(DomainRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void delegateCannotVoteTwiceInARound() {
        fixture.given(new BallotCastEvent("ballot:bch-r1:D001", "bch", "bch-r1", "c", "D001", "rh"))
                .when(new CastBallotCommand("bch-r1", "D001", List.of("A"), sealed("A"), "rh2"))
                .expectException(org.axonframework.eventsourcing.eventstore.EventStoreException.class);
    }
}

package org.congressvote.command.election;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.congressvote.command.Violations.violationOf;

import java.util.Base64;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.congressvote.api.election.BallotCastEvent;
import org.congressvote.api.election.CastBallotCommand;
import org.congressvote.api.error.ErrorCode;
import org.congressvote.api.error.InputLimits;
import org.congressvote.api.error.InvalidInput;
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
                .present("c", "D001")
                // the standing committee's round, voted by the executive committee's members (D001, D003) only
                .bodyRound("btv-r1", "btv", "c", "bch", "A", "B")
                .body("bch", "c", "Bầu Ban Chấp hành", "D001", "D003")
                .present("c", "D005");
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
                .expectException(violationOf(ErrorCode.BALLOT_BOX_KEY_MISSING))
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
                .expectException(violationOf(ErrorCode.INVALID_BALLOT))
                .expectNoEvents();
        assertThat(box.ballots).isEmpty();
    }

    @Test
    void ballotOnARoundThatIsNotOpenIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new CastBallotCommand("bch-r2", "D001", List.of("C"), sealed(), "rh"))
                .expectException(violationOf(ErrorCode.ROUND_NOT_OPEN))
                .expectNoEvents();
    }

    @Test
    void delegateWhoIsNotCheckedInCannotVote() {
        fixture.givenNoPriorActivity()
                .when(new CastBallotCommand("bch-r1", "D002", List.of("A"), sealed(), "rh"))
                .expectException(violationOf(ErrorCode.DELEGATE_NOT_PRESENT))
                .expectNoEvents();
    }

    /**
     * One ballot per delegate and round rests on the participation's id: every ballot of a delegate in a round names
     * the same aggregate, which PostgreSQL's unique (aggregate id, sequence number) key lets be created once. That
     * refusal is a property of the real store, tested there (RosterAndElectionIntegrationTest: a second ballot is
     * 409 ALREADY_VOTED); what the aggregate contributes is the id, tested here.
     */
    @Test
    void everyBallotOfADelegateInARoundNamesOneParticipationAndNoOtherPairNamesIt() {
        CastBallotCommand first = new CastBallotCommand("bch-r1", "D001", List.of("A"), sealed("A"), "rh");
        CastBallotCommand second = new CastBallotCommand("bch-r1", "D001", List.of("B"), sealed("B"), "rh2");

        assertThat(second.participationId())
                .isEqualTo(first.participationId())
                .isEqualTo(CastBallotCommand.participationId("bch-r1", "D001"));
        assertThat(CastBallotCommand.participationId("bch-r1", "D0011")).isNotEqualTo(first.participationId());
        assertThat(CastBallotCommand.participationId("bch-r11", "D001")).isNotEqualTo(first.participationId());
        assertThat(CastBallotCommand.participationId("bch-r2", "D001")).isNotEqualTo(first.participationId());
        // ids never hold the separator, so no other (round, delegate) pair can spell the same id
        assertThatThrownBy(() -> InputLimits.id("bch-r1:D001", "roundId")).isInstanceOf(InvalidInput.class);
    }

    @Test
    void onlyMembersOfTheBodyCastItsBallots() {
        TestRoundKey body = new TestRoundKey("btv-r1", 1, 1, "A", "B");
        String sealed = Base64.getEncoder().encodeToString(body.seal(List.of("A")));
        // D005 is in the hall, but not a member of the executive committee
        fixture.givenNoPriorActivity()
                .when(new CastBallotCommand("btv-r1", "D005", List.of("A"), sealed, "rh"))
                .expectException(violationOf(ErrorCode.NOT_IN_ELECTORATE))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new CastBallotCommand("btv-r1", "D001", List.of("A"), sealed, "rh"))
                .expectEvents(new BallotCastEvent("ballot:btv-r1:D001", "btv", "btv-r1", "c", "D001", "rh"));
        assertThat(box.ballots).hasSize(1);
    }

    @Test
    void aMemberOfTheBodyVotesOnlyWhileCheckedIn() {
        TestRoundKey body = new TestRoundKey("btv-r1", 1, 1, "A", "B");
        String sealed = Base64.getEncoder().encodeToString(body.seal(List.of("A")));
        fixture.givenNoPriorActivity()
                .when(new CastBallotCommand("btv-r1", "D003", List.of("A"), sealed, "rh"))
                .expectException(violationOf(ErrorCode.DELEGATE_NOT_PRESENT))
                .expectNoEvents();
    }
}

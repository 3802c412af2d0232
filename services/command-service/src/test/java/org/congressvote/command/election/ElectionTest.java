package org.congressvote.command.election;

import static org.assertj.core.api.Assertions.assertThat;
import static org.congressvote.command.Violations.violationOf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.congressvote.api.election.Candidate;
import org.congressvote.api.election.CloseRoundCommand;
import org.congressvote.api.election.CreateElectionCommand;
import org.congressvote.api.election.ElectionCreatedEvent;
import org.congressvote.api.election.OpenRoundCommand;
import org.congressvote.api.election.RoundClosedEvent;
import org.congressvote.api.election.RoundOpenedEvent;
import org.congressvote.api.election.RoundStartedEvent;
import org.congressvote.api.election.StartRoundCommand;
import org.congressvote.api.error.ErrorCode;
import org.congressvote.api.motion.DecisionRule;
import org.congressvote.command.gate.FakeVotingGate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ElectionTest {

    private static final DecisionRule CHARTER = DecisionRule.MAJORITY_OF_SUMMONED;
    private static final List<Candidate> ROUND_1 = List.of(
            new Candidate("A", "Lê Văn An"),
            new Candidate("B", "Phạm Thị Bình"),
            new Candidate("C", "Trần Văn Cường"),
            new Candidate("D", "Võ Thị Dung"));
    private static final ElectionCreatedEvent CREATED =
            new ElectionCreatedEvent("bch", "c", "Bầu Ban Chấp hành", 3, CHARTER);

    private FixtureConfiguration<Election> fixture;
    private FakeVotingGate gate;
    private FakeBallotBox box;
    private RoundKeyRing keys;
    private final TestRoundKey key1 = new TestRoundKey("bch-r1", 2, 3, "A", "B", "C", "D");
    private final TestRoundKey key2 = new TestRoundKey("bch-r2", 2, 3, "C", "E");

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Election.class);
        gate = new FakeVotingGate().congress("c").seats(245, 240);
        box = new FakeBallotBox();
        keys = new RoundKeyRing();
        fixture.registerInjectableResource(gate);
        fixture.registerInjectableResource(box);
        fixture.registerInjectableResource(keys);
    }

    @Test
    void electionIsCreatedForAnExistingCongress() {
        fixture.givenNoPriorActivity()
                .when(new CreateElectionCommand("bch", "c", "Bầu Ban Chấp hành", 3, null))
                .expectEvents(CREATED);
    }

    @Test
    void firstRoundIsForEverySeat() {
        fixture.given(CREATED)
                .when(new StartRoundCommand("bch", ROUND_1))
                .expectEvents(new RoundStartedEvent("bch", "c", "bch-r1", 1, 3, ROUND_1));
    }

    @Test
    void roundCannotListACandidateTwice() {
        fixture.given(CREATED)
                .when(new StartRoundCommand("bch", List.of(new Candidate("A", "x"), new Candidate("A", "y"))))
                .expectException(violationOf(ErrorCode.INVALID_REQUEST))
                .expectNoEvents();
    }

    @Test
    void twoRoundElectionFillsTheRemainingSeatsInTheSecondRound() {
        // Round 1: 240 ballots. A kept on 200, B on 150, C on 100 (not above 122.5), D on 90: two elected, one seat
        // left.
        List<List<String>> round1 = new ArrayList<>();
        round1.addAll(Collections.nCopies(90, List.of("A", "B", "D")));
        round1.addAll(Collections.nCopies(60, List.of("A", "B", "C")));
        round1.addAll(Collections.nCopies(40, List.of("A", "C")));
        round1.addAll(Collections.nCopies(10, List.of("A")));
        round1.addAll(Collections.nCopies(35, List.of())); // invalid: nobody kept on a 4-name list
        round1.addAll(Collections.nCopies(5, List.of("A", "B", "C", "D"))); // invalid: more names than seats
        round1.forEach(kept -> box.deposit("bch-r1", key1.seal(kept)));
        gate.ballotsCast("bch-r1", 240);
        keys.put("bch-r1", key1.rebuild(1, 3));

        RoundStartedEvent started1 = new RoundStartedEvent("bch", "c", "bch-r1", 1, 3, ROUND_1);
        fixture.given(CREATED, started1, key1.created("bch", "c", 1), new RoundOpenedEvent("bch", "c", "bch-r1", 1))
                .when(new CloseRoundCommand("bch"))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(captured);
        RoundClosedEvent closed1 = captured.only(RoundClosedEvent.class);
        assertThat(closed1.returned()).isEqualTo(240);
        assertThat(closed1.valid()).isEqualTo(200);
        assertThat(closed1.invalid()).isEqualTo(40);
        assertThat(closed1.threshold()).isEqualTo(123);
        assertThat(closed1.results())
                .extracting(r -> r.candidateId() + "=" + r.votes())
                .containsExactly("A=200", "B=150", "C=100", "D=90");
        assertThat(closed1.elected()).containsExactly("A", "B");
        assertThat(closed1.seatsRemaining()).isEqualTo(1);
        assertThat(closed1.ballots()).hasSize(240);

        // Round 2, for the one seat left, with the candidates the congress decided.
        List<Candidate> round2List = List.of(new Candidate("C", "Trần Văn Cường"), new Candidate("E", "Đỗ Thị Em"));
        fixture.given(
                        CREATED,
                        started1,
                        key1.created("bch", "c", 1),
                        new RoundOpenedEvent("bch", "c", "bch-r1", 1),
                        closed1)
                .when(new StartRoundCommand("bch", round2List))
                .expectEvents(new RoundStartedEvent("bch", "c", "bch-r2", 2, 1, round2List));

        box.ballots.clear();
        List<List<String>> round2 = new ArrayList<>();
        round2.addAll(Collections.nCopies(130, List.of("C")));
        round2.addAll(Collections.nCopies(100, List.of("E")));
        round2.addAll(Collections.nCopies(5, List.of("C", "E"))); // invalid: two names for one seat
        round2.forEach(kept -> box.deposit("bch-r2", key2.seal(kept)));
        gate.ballotsCast("bch-r2", 235);
        keys.put("bch-r2", key2.rebuild(2, 3));
        RoundStartedEvent started2 = new RoundStartedEvent("bch", "c", "bch-r2", 2, 1, round2List);
        fixture.given(
                        CREATED,
                        started1,
                        key1.created("bch", "c", 1),
                        new RoundOpenedEvent("bch", "c", "bch-r1", 1),
                        closed1,
                        started2,
                        key2.created("bch", "c", 2),
                        new RoundOpenedEvent("bch", "c", "bch-r2", 2))
                .when(new CloseRoundCommand("bch"))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(captured);
        RoundClosedEvent closed2 = captured.only(RoundClosedEvent.class);
        assertThat(closed2.round()).isEqualTo(2);
        assertThat(closed2.elected()).containsExactly("C");
        assertThat(closed2.invalid()).isEqualTo(5);
        assertThat(closed2.seatsRemaining()).isZero();

        fixture.given(
                        CREATED,
                        started1,
                        key1.created("bch", "c", 1),
                        new RoundOpenedEvent("bch", "c", "bch-r1", 1),
                        closed1,
                        started2,
                        key2.created("bch", "c", 2),
                        new RoundOpenedEvent("bch", "c", "bch-r2", 2),
                        closed2)
                .when(new StartRoundCommand("bch", round2List))
                .expectException(violationOf(ErrorCode.ELECTION_STATE))
                .expectExceptionMessage("Every seat is filled: no further round.");
    }

    @Test
    void roundCannotBeOpenedBeforeItHasCandidates() {
        fixture.given(CREATED)
                .when(new OpenRoundCommand("bch"))
                .expectException(violationOf(ErrorCode.ELECTION_STATE))
                .expectNoEvents();
    }

    @Test
    void candidateElectedInAnEarlierRoundCannotBeListedAgain() {
        // Round 1 (3 seats): A kept on all 240 ballots, nobody else above the threshold: A holds one seat, two remain.
        Collections.nCopies(240, List.of("A")).forEach(kept -> box.deposit("bch-r1", key1.seal(kept)));
        gate.ballotsCast("bch-r1", 240);
        keys.put("bch-r1", key1.rebuild(1, 2));
        RoundStartedEvent started1 = new RoundStartedEvent("bch", "c", "bch-r1", 1, 3, ROUND_1);
        fixture.given(CREATED, started1, key1.created("bch", "c", 1), new RoundOpenedEvent("bch", "c", "bch-r1", 1))
                .when(new CloseRoundCommand("bch"))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(captured);
        RoundClosedEvent closed1 = captured.only(RoundClosedEvent.class);
        assertThat(closed1.elected()).containsExactly("A");

        fixture.given(
                        CREATED,
                        started1,
                        key1.created("bch", "c", 1),
                        new RoundOpenedEvent("bch", "c", "bch-r1", 1),
                        closed1)
                .when(new StartRoundCommand(
                        "bch", List.of(new Candidate("A", "Lê Văn An"), new Candidate("B", "Phạm Thị Bình"))))
                .expectException(violationOf(ErrorCode.CANDIDATE_ALREADY_ELECTED))
                .expectNoEvents();
        fixture.given(
                        CREATED,
                        started1,
                        key1.created("bch", "c", 1),
                        new RoundOpenedEvent("bch", "c", "bch-r1", 1),
                        closed1)
                .when(new StartRoundCommand(
                        "bch", List.of(new Candidate("B", "Phạm Thị Bình"), new Candidate("C", "Trần Văn Cường"))))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void roundCannotOpenBeforeTheCountingCommitteeHasCreatedItsKey() {
        fixture.given(CREATED, new RoundStartedEvent("bch", "c", "bch-r1", 1, 3, ROUND_1))
                .when(new OpenRoundCommand("bch"))
                .expectException(violationOf(ErrorCode.BALLOT_BOX_KEY_MISSING))
                .expectNoEvents();
    }

    @Test
    void roundKeyIsCreatedOnceAndOnlyBeforeTheRoundOpens() {
        RoundStartedEvent started = new RoundStartedEvent("bch", "c", "bch-r1", 1, 3, ROUND_1);
        var created = key1.created("bch", "c", 1);
        var command = new org.congressvote.api.election.CreateRoundKeyCommand(
                "bch", created.publicKey(), 2, created.holders(), created.shareHashes(), "member-1");
        fixture.given(CREATED, started).when(command).expectEvents(created);
        fixture.given(CREATED, started, created)
                .when(command)
                .expectException(violationOf(ErrorCode.ELECTION_STATE))
                .expectNoEvents();
        fixture.given(CREATED, started, created, new RoundOpenedEvent("bch", "c", "bch-r1", 1))
                .when(command)
                .expectException(violationOf(ErrorCode.ELECTION_STATE))
                .expectNoEvents();
    }

    @Test
    void sealedBoxStaysClosedUntilTheCommitteesKeyIsRebuilt() {
        box.deposit("bch-r1", key1.seal(List.of("A")));
        gate.ballotsCast("bch-r1", 1);
        fixture.given(
                        CREATED,
                        new RoundStartedEvent("bch", "c", "bch-r1", 1, 3, ROUND_1),
                        key1.created("bch", "c", 1),
                        new RoundOpenedEvent("bch", "c", "bch-r1", 1))
                .when(new CloseRoundCommand("bch"))
                .expectException(violationOf(ErrorCode.KEY_SHARES_MISSING))
                .expectNoEvents();
        assertThat(box.ballots).hasSize(1);
    }

    @Test
    void closePublishesCountedReceiptsApartFromTheBallotsWhoseNamesAreInCanonicalOrder() {
        byte[] first = key1.seal(List.of("C", "A"));
        byte[] second = key1.seal(List.of("B"));
        box.deposit("bch-r1", first);
        box.deposit("bch-r1", second);
        gate.ballotsCast("bch-r1", 2);
        keys.put("bch-r1", key1.rebuild(2, 3));
        fixture.given(
                        CREATED,
                        new RoundStartedEvent("bch", "c", "bch-r1", 1, 3, ROUND_1),
                        key1.created("bch", "c", 1),
                        new RoundOpenedEvent("bch", "c", "bch-r1", 1))
                .when(new CloseRoundCommand("bch", List.of("member-2", "member-3")))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(captured);
        var opened = captured.only(org.congressvote.api.election.BallotBoxOpenedEvent.class);
        assertThat(opened.openedBy()).containsExactly("member-2", "member-3");
        assertThat(opened.sharesRequired()).isEqualTo(2);
        assertThat(opened.countedReceipts())
                .containsExactlyInAnyOrder(
                        org.congressvote.api.election.SealedBallots.receiptHash(first),
                        org.congressvote.api.election.SealedBallots.receiptHash(second))
                .isSorted();
        RoundClosedEvent closed = captured.only(RoundClosedEvent.class);
        assertThat(closed.ballots())
                .extracting(b -> b.kept())
                .containsExactlyInAnyOrder(List.of("A", "C"), List.of("B"));
        assertThat(closed.ballots()).allSatisfy(b -> assertThat(b.receiptHash()).isNull());
    }

    @Test
    void boxHoldingMoreBallotsThanDelegatesWhoVotedIsNotCounted() {
        // The public key is public: someone with SQL could seal and insert ballots of their own.
        box.deposit("bch-r1", key1.seal(List.of("A")));
        box.deposit("bch-r1", key1.seal(List.of("A")));
        gate.ballotsCast("bch-r1", 1);
        keys.put("bch-r1", key1.rebuild(1, 2));
        fixture.given(
                        CREATED,
                        new RoundStartedEvent("bch", "c", "bch-r1", 1, 3, ROUND_1),
                        key1.created("bch", "c", 1),
                        new RoundOpenedEvent("bch", "c", "bch-r1", 1))
                .when(new CloseRoundCommand("bch"))
                .expectException(violationOf(ErrorCode.LOG_NOT_INTACT))
                .expectNoEvents();
    }

    private final Captured captured = new Captured();

    /** Captures the events a command published, to assert on their content. */
    static final class Captured
            extends org.hamcrest.BaseMatcher<List<org.axonframework.eventhandling.EventMessage<?>>> {

        private List<?> events = List.of();

        @Override
        public boolean matches(Object actual) {
            events = (List<?>) actual;
            return true;
        }

        @Override
        public void describeTo(org.hamcrest.Description description) {
            description.appendText("any events (captured)");
        }

        /** The one event of this type among those published. */
        <T> T only(Class<T> type) {
            List<Object> payloads = events.stream()
                    .map(e -> ((org.axonframework.eventhandling.EventMessage<?>) e).getPayload())
                    .filter(type::isInstance)
                    .map(p -> (Object) p)
                    .toList();
            assertThat(payloads).hasSize(1);
            return type.cast(payloads.get(0));
        }
    }
}

package org.congressvote.command.election;

import static org.assertj.core.api.Assertions.assertThat;
import static org.congressvote.command.Violations.violationOf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.congressvote.api.election.Candidate;
import org.congressvote.api.election.CandidateListApprovedEvent;
import org.congressvote.api.election.CandidateNominatedEvent;
import org.congressvote.api.election.CloseRoundCommand;
import org.congressvote.api.election.CreateElectionCommand;
import org.congressvote.api.election.ElectionCreatedEvent;
import org.congressvote.api.election.ElectionProcedure;
import org.congressvote.api.election.NominateCandidateCommand;
import org.congressvote.api.election.NominationKind;
import org.congressvote.api.election.OpenRoundCommand;
import org.congressvote.api.election.ProposeListCommand;
import org.congressvote.api.election.ProposeSeatsCommand;
import org.congressvote.api.election.RequestWithdrawalCommand;
import org.congressvote.api.election.RoundClosedEvent;
import org.congressvote.api.election.RoundOpenedEvent;
import org.congressvote.api.election.RoundStartedEvent;
import org.congressvote.api.election.SeatsDecidedEvent;
import org.congressvote.api.election.SeatsProposedEvent;
import org.congressvote.api.election.StartRoundCommand;
import org.congressvote.api.error.ErrorCode;
import org.congressvote.api.motion.DecisionRule;
import org.congressvote.command.gate.FakeVotingGate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A body's own electorate (the executive committee's first plenum elects its standing committee, secretary, deputies,
 * inspection committee and its chair) and the delegation to the city congress with its ranked alternates (issue 17,
 * items 3 and 4): one fixture test per rule.
 */
class BodiesAndDelegationTest {

    private static final DecisionRule CHARTER = DecisionRule.MAJORITY_OF_SUMMONED;
    private static final String[] COMMITTEE = committee(33);

    /** The standing committee, elected by the executive committee's 33 members at their first plenum. */
    private static final ElectionCreatedEvent STANDING = new ElectionCreatedEvent(
            "btv",
            "c",
            "Bầu Ban Thường vụ",
            3,
            CHARTER,
            ElectionProcedure.LIST_GIVEN,
            0,
            "bch",
            "Ban Chấp hành",
            null,
            null);
    /** The secretary, elected by the executive committee from the standing committee's members. */
    private static final ElectionCreatedEvent SECRETARY = new ElectionCreatedEvent(
            "bt", "c", "Bầu Bí thư", 1, CHARTER, ElectionProcedure.LIST_GIVEN, 0, "bch", "Ban Chấp hành", "btv", null);
    /** The deputies: from the standing committee, the secretary excluded. */
    private static final ElectionCreatedEvent DEPUTIES = new ElectionCreatedEvent(
            "pbt",
            "c",
            "Bầu Phó Bí thư",
            1,
            CHARTER,
            ElectionProcedure.LIST_GIVEN,
            0,
            "bch",
            "Ban Chấp hành",
            "btv",
            List.of("bt"));
    /** The delegation to the city congress: 2 official seats and 2 alternates allocated by the level above. */
    private static final ElectionCreatedEvent DELEGATION = new ElectionCreatedEvent(
            "dbtp", "c", "Bầu Đoàn đại biểu", 2, CHARTER, ElectionProcedure.SEATS_ALLOCATED, 2, null, null, null, null);

    private static final List<Candidate> FIVE = List.of(
            new Candidate("A", "Lê Văn An"),
            new Candidate("B", "Phạm Thị Bình"),
            new Candidate("C", "Trần Văn Cường"),
            new Candidate("D", "Võ Thị Dung"),
            new Candidate("E", "Đỗ Văn Em"));

    private FixtureConfiguration<Election> fixture;
    private FakeVotingGate gate;
    private FakeBallotBox box;
    private RoundKeyRing keys;
    private final ElectionTest.Captured captured = new ElectionTest.Captured();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Election.class);
        // The congress: 245 summoned, 240 present. The executive committee (bch) elected 33; its standing committee
        // (btv) 3 of them: K01, K02, K03; the secretary (bt) K01.
        gate = new FakeVotingGate()
                .congress("c")
                .seats(245, 240)
                .body("bch", "c", "Bầu Ban Chấp hành", COMMITTEE)
                .body("btv", "c", "Bầu Ban Thường vụ", "K01", "K02", "K03")
                .body("bt", "c", "Bầu Bí thư", "K01")
                .body("x", "other", "Bầu Ban Chấp hành (đại hội khác)", "K01")
                .bodySeats("bch", 33, 31);
        box = new FakeBallotBox();
        keys = new RoundKeyRing();
        fixture.registerInjectableResource(gate);
        fixture.registerInjectableResource(box);
        fixture.registerInjectableResource(keys);
    }

    @Test
    void aBodysElectionNamesTheBodyWhoseMembersVote() {
        fixture.givenNoPriorActivity()
                .when(new CreateElectionCommand("btv", "c", "Bầu Ban Thường vụ", 3, null, null, 0, "bch", null, null))
                .expectEvents(STANDING);
    }

    @Test
    void anElectionOnAnUnknownElectorateOrEligibilitySourceIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new CreateElectionCommand("btv", "c", "Bầu Ban Thường vụ", 3, null, null, 0, "nope", null, null))
                .expectException(violationOf(ErrorCode.BODY_NOT_FOUND))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new CreateElectionCommand("bt", "c", "Bầu Bí thư", 1, null, null, 0, "bch", "nope", null))
                .expectException(violationOf(ErrorCode.BODY_NOT_FOUND))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new CreateElectionCommand(
                        "pbt", "c", "Bầu Phó Bí thư", 1, null, null, 0, "bch", "btv", List.of("nope")))
                .expectException(violationOf(ErrorCode.BODY_NOT_FOUND))
                .expectNoEvents();
        // a body of another congress is no body of this one
        fixture.givenNoPriorActivity()
                .when(new CreateElectionCommand("btv", "c", "Bầu Ban Thường vụ", 3, null, null, 0, "x", null, null))
                .expectException(violationOf(ErrorCode.BODY_NOT_FOUND))
                .expectNoEvents();
    }

    /** The standing committee, its seats voted by the executive committee's plenum (guidance 32-HD/TW). */
    private static final ElectionCreatedEvent STANDING_SEATS_VOTED = new ElectionCreatedEvent(
            "btv",
            "c",
            "Bầu Ban Thường vụ",
            0,
            CHARTER,
            ElectionProcedure.SEATS_VOTED,
            0,
            "bch",
            "Ban Chấp hành",
            null,
            null);

    @Test
    void aBodysElectionMayHaveItsSeatsAndListVotedByTheBody() {
        fixture.givenNoPriorActivity()
                .when(new CreateElectionCommand(
                        "btv", "c", "Bầu Ban Thường vụ", 0, null, ElectionProcedure.SEATS_VOTED, 0, "bch", null, null))
                .expectEvents(STANDING_SEATS_VOTED);
    }

    @Test
    void aBodysElectionPutsItsSeatsWithdrawalsAndListToTheBodysShowOfHands() {
        fixture.given(STANDING_SEATS_VOTED)
                .when(new ProposeSeatsCommand("btv", "btv-so-luong", 3, 0))
                .expectEvents(new SeatsProposedEvent("btv", "c", "btv-so-luong", 3, 0))
                .expectResultMessagePayload(
                        new Election.ProposalMotion("c", "Bầu Ban Thường vụ: số lượng 3, số dư 0", "bch"));
        fixture.given(
                        STANDING_SEATS_VOTED,
                        new CandidateNominatedEvent(
                                "btv", "c", "K01", "Lê Văn K01", NominationKind.PRESIDIUM, null, true, null),
                        new SeatsDecidedEvent("btv", "c", "btv-so-luong", 1, 0))
                .when(new ProposeListCommand("btv", "btv-danh-sach", List.of("K01")))
                .expectResultMessagePayload(
                        new Election.ProposalMotion("c", "Bầu Ban Thường vụ: danh sách bầu cử 1 người", "bch"));
        fixture.given(
                        STANDING_SEATS_VOTED,
                        new CandidateNominatedEvent(
                                "btv", "c", "K01", "Lê Văn K01", NominationKind.PRESIDIUM, null, true, null))
                .when(new RequestWithdrawalCommand("btv", "btv-xin-rut", "K01", "sức khỏe"))
                .expectResultMessagePayload(
                        new Election.ProposalMotion("c", "Bầu Ban Thường vụ: Lê Văn K01 xin rút", "bch"));
    }

    @Test
    void aMemberOfTheBodyNominatesInItsElection() {
        fixture.given(STANDING_SEATS_VOTED)
                .when(new NominateCandidateCommand("btv", "K05", "Ủy viên 5", NominationKind.DELEGATE, "K01", null))
                .expectEvents(new CandidateNominatedEvent(
                        "btv", "c", "K05", "Ủy viên 5", NominationKind.DELEGATE, "K01", true, null));
    }

    @Test
    void aDelegateOutsideTheBodyDoesNotNominateInItsElection() {
        // D100 is a delegate of the congress but not on the executive committee, whose plenum elects the standing
        // committee: the plenum's members nominate, as they alone vote.
        fixture.given(STANDING_SEATS_VOTED)
                .when(new NominateCandidateCommand("btv", "K05", "Ủy viên 5", NominationKind.DELEGATE, "D100", null))
                .expectException(violationOf(ErrorCode.NOT_IN_ELECTORATE))
                .expectNoEvents();
        fixture.given(STANDING_SEATS_VOTED)
                .when(new NominateCandidateCommand("btv", "D100", "Đại biểu 100", NominationKind.SELF, "D100", null))
                .expectException(violationOf(ErrorCode.NOT_IN_ELECTORATE))
                .expectNoEvents();
    }

    @Test
    void theCongressesElectionPutsItsProposalsToTheCongress() {
        fixture.given(new ElectionCreatedEvent(
                        "bch", "c", "Bầu Ban Chấp hành", 0, CHARTER, ElectionProcedure.SEATS_VOTED))
                .when(new ProposeSeatsCommand("bch", "bch-so-luong", 33, 4))
                .expectResultMessagePayload(
                        new Election.ProposalMotion("c", "Bầu Ban Chấp hành: số lượng 33, số dư 4", null));
    }

    @Test
    void aBodysElectionCannotOpenBeforeTheBodyIsElected() {
        gate.body("bch", "c", "Bầu Ban Chấp hành"); // no round of the executive committee closed yet
        TestRoundKey key = new TestRoundKey("btv-r1", 1, 1, "K01", "K02");
        fixture.given(
                        STANDING,
                        new RoundStartedEvent("btv", "c", "btv-r1", 1, 3, List.of(member("K01"), member("K02"))),
                        key.created("btv", "c", 1))
                .when(new OpenRoundCommand("btv"))
                .expectException(violationOf(ErrorCode.BODY_NOT_ELECTED))
                .expectNoEvents();
    }

    @Test
    void theBaseOfABodyIsItsMembersSummoned() {
        // 33 members summoned, 31 present: more than half is 17, whatever the congress's 245. K01 17 votes: elected;
        // K02 16: not.
        List<List<String>> ballots = new ArrayList<>();
        ballots.addAll(Collections.nCopies(16, List.of("K01", "K02")));
        ballots.add(List.of("K01"));
        ballots.addAll(Collections.nCopies(14, List.of("K03")));
        RoundClosedEvent closed = closeStandingCommitteeRound(ballots, 1);

        assertThat(closed.summoned()).isEqualTo(33);
        assertThat(closed.present()).isEqualTo(31);
        assertThat(closed.baseCount()).isEqualTo(33);
        assertThat(closed.threshold()).isEqualTo(17);
        assertThat(closed.elected()).containsExactly("K01");
        assertThat(closed.electorateElectionId()).isEqualTo("bch");
        assertThat(closed.electorateTitle()).isEqualTo("Ban Chấp hành");
    }

    @Test
    void sixteenOfThirtyThreeMembersIsNotEnough() {
        List<List<String>> ballots = new ArrayList<>(Collections.nCopies(16, List.of("K01")));
        ballots.addAll(Collections.nCopies(15, List.of("K02")));
        RoundClosedEvent closed = closeStandingCommitteeRound(ballots, 1);

        assertThat(closed.threshold()).isEqualTo(17);
        assertThat(closed.elected()).isEmpty();
        assertThat(closed.seatsRemaining()).isEqualTo(3);
    }

    @Test
    void aSecretaryIsElectedFromTheStandingCommittee() {
        List<Candidate> list = List.of(member("K01"), member("K02"));
        fixture.given(SECRETARY)
                .when(new StartRoundCommand("bt", list))
                .expectEvents(new RoundStartedEvent("bt", "c", "bt-r1", 1, 1, list));
    }

    @Test
    void aNomineeOutsideTheEligibleBodyIsRefused() {
        // K04 is on the executive committee but not on its standing committee: no candidate for secretary.
        fixture.given(SECRETARY)
                .when(new StartRoundCommand("bt", List.of(member("K01"), member("K04"))))
                .expectException(violationOf(ErrorCode.NOT_ELIGIBLE, Map.of("eligible", 3L)))
                .expectNoEvents();
    }

    @Test
    void aNominationOutsideTheEligibleBodyIsRefused() {
        // The same rule for a nomination, on an election that takes them.
        ElectionCreatedEvent chair = new ElectionCreatedEvent(
                "ubkt-cn", "c", "Bầu Chủ nhiệm", 0, CHARTER, ElectionProcedure.SEATS_VOTED, 0, null, null, "btv", null);
        fixture.given(chair)
                .when(new NominateCandidateCommand("ubkt-cn", "K04", "Ủy viên 4", NominationKind.PRESIDIUM, null, null))
                .expectException(violationOf(ErrorCode.NOT_ELIGIBLE, Map.of("eligible", 3L)))
                .expectNoEvents();
    }

    @Test
    void someoneAlreadyElectedToAnExcludedPostIsNotEligible() {
        // The secretary (K01) cannot also be a deputy; the other members of the standing committee can.
        fixture.given(DEPUTIES)
                .when(new StartRoundCommand("pbt", List.of(member("K01"), member("K02"))))
                .expectException(violationOf(ErrorCode.NOT_ELIGIBLE, Map.of("excludedMembers", 1L)))
                .expectNoEvents();
        fixture.given(DEPUTIES)
                .when(new StartRoundCommand("pbt", List.of(member("K02"), member("K03"))))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void alternatesAreAllocatedOnlyWithTheSeatsByTheLevelAbove() {
        fixture.givenNoPriorActivity()
                .when(new CreateElectionCommand(
                        "bch2", "c", "Bầu Ban Chấp hành", 0, null, ElectionProcedure.SEATS_VOTED, 2, null, null, null))
                .expectException(violationOf(ErrorCode.INVALID_REQUEST))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new CreateElectionCommand(
                        "dbtp",
                        "c",
                        "Bầu Đoàn đại biểu",
                        2,
                        null,
                        ElectionProcedure.SEATS_ALLOCATED,
                        2,
                        null,
                        null,
                        null))
                .expectEvents(DELEGATION);
    }

    @Test
    void aDelegationsRoundIsForItsSeatsAndItsAlternatesOnOneBallot() {
        fixture.given(delegationWithItsList())
                .when(new StartRoundCommand("dbtp", List.of()))
                .expectEvents(new RoundStartedEvent("dbtp", "c", "dbtp-r1", 1, 2, FIVE, null, 2));
    }

    @Test
    void alternatesAreRankedByVotes() {
        // 10 summoned: threshold 6. A 9, B 8, C 7, D 6, E 1: A and B are the delegates, C alternate 1, D alternate 2.
        List<List<String>> ballots = new ArrayList<>(Collections.nCopies(6, List.of("A", "B", "C", "D")));
        ballots.add(List.of("A", "B", "C"));
        ballots.add(List.of("A", "B"));
        ballots.add(List.of("A"));
        ballots.add(List.of("E"));
        RoundClosedEvent closed = closeDelegationRound(ballots, List.of(), 2, 2);

        assertThat(closed.threshold()).isEqualTo(6);
        assertThat(closed.valid()).isEqualTo(10);
        assertThat(closed.elected()).containsExactlyInAnyOrder("A", "B");
        assertThat(closed.alternates()).containsExactly("C", "D");
        assertThat(closed.firstAlternateRank()).isEqualTo(1);
        assertThat(closed.results())
                .extracting(r -> r.candidateId() + ":" + r.alternateRank())
                .containsExactly("A:0", "B:0", "C:1", "D:2", "E:0");
        assertThat(closed.tiedForLastSeat()).isEmpty();
        assertThat(closed.seatsRemaining()).isZero();
        assertThat(closed.alternateSeatsRemaining()).isZero();
    }

    @Test
    void aBallotKeepingMoreNamesThanTheSeatsAndAlternatesIsInvalid() {
        List<List<String>> ballots = new ArrayList<>(Collections.nCopies(9, List.of("A", "B", "C", "D")));
        ballots.add(List.of("A", "B", "C", "D", "E"));
        RoundClosedEvent closed = closeDelegationRound(ballots, List.of(), 2, 2);

        assertThat(closed.valid()).isEqualTo(9);
        assertThat(closed.invalid()).isEqualTo(1);
    }

    @Test
    void aTieForAnAlternateRankIsReported() {
        // A 9, B 8, C and D 7: both reach the threshold and both fit the alternates, but which replaces an official
        // first is not the software's to say: reported, neither ranked.
        List<List<String>> ballots = new ArrayList<>(Collections.nCopies(7, List.of("A", "B", "C", "D")));
        ballots.add(List.of("A", "B"));
        ballots.add(List.of("A"));
        ballots.add(List.of("E"));
        RoundClosedEvent closed = closeDelegationRound(ballots, List.of(), 2, 2);

        assertThat(closed.elected()).containsExactlyInAnyOrder("A", "B");
        assertThat(closed.alternates()).isEmpty();
        assertThat(closed.tiedForLastSeat()).containsExactlyInAnyOrder("C", "D");
        assertThat(closed.tiedAtPosition()).isEqualTo(3);
        assertThat(closed.alternateSeatsRemaining()).isEqualTo(2);
    }

    @Test
    void aTieBetweenTheLastOfficialAndTheFirstAlternateIsReported() {
        // A 9, B and C 7, D 6: one official seat is certain, who takes the second and who is alternate 1 is not.
        List<List<String>> ballots = new ArrayList<>(Collections.nCopies(6, List.of("A", "B", "C", "D")));
        ballots.add(List.of("A", "B", "C"));
        ballots.add(List.of("A"));
        ballots.add(List.of("A"));
        ballots.add(List.of("E"));
        RoundClosedEvent closed = closeDelegationRound(ballots, List.of(), 2, 2);

        assertThat(closed.elected()).containsExactly("A");
        assertThat(closed.tiedForLastSeat()).containsExactlyInAnyOrder("B", "C");
        assertThat(closed.tiedAtPosition()).isEqualTo(2);
        assertThat(closed.seatsRemaining()).isEqualTo(1);
        assertThat(closed.alternateSeatsRemaining()).isEqualTo(2);
    }

    @Test
    void aLaterRoundFillsTheOfficialSeatsFirstThenTheAlternatesInTheirContinuedOrder() {
        // Round 1 elected A as a delegate and C as alternate 1, nobody else reached the threshold. Round 2 lists the
        // approved list's others for 1 seat and 1 alternate; its alternate is alternate 2.
        RoundClosedEvent round1 = new RoundClosedEvent(
                "dbtp",
                "c",
                "dbtp-r1",
                1,
                2,
                CHARTER,
                10,
                10,
                10,
                10,
                10,
                0,
                10,
                6,
                List.of(),
                List.of("A"),
                List.of(),
                1,
                List.of(),
                2,
                List.of("C"),
                1,
                1,
                0,
                null,
                null);
        List<Candidate> round2List = List.of(FIVE.get(1), FIVE.get(3), FIVE.get(4));
        List<Object> given = new ArrayList<>(List.of(delegationWithItsList()));
        given.add(new RoundStartedEvent("dbtp", "c", "dbtp-r1", 1, 2, FIVE, null, 2));
        given.add(round1);
        fixture.given(given)
                .when(new StartRoundCommand("dbtp", List.of()))
                .expectEvents(new RoundStartedEvent("dbtp", "c", "dbtp-r2", 2, 1, round2List, null, 1));

        // Round 2: B 8, D 7, E 1 -> B the delegate, D alternate 2.
        List<List<String>> ballots = new ArrayList<>(Collections.nCopies(7, List.of("B", "D")));
        ballots.add(List.of("B"));
        ballots.add(List.of("E"));
        ballots.add(List.of());
        TestRoundKey key = new TestRoundKey("dbtp-r2", 1, 1, "B", "D", "E");
        ballots.forEach(kept -> box.deposit("dbtp-r2", key.seal(kept)));
        gate.ballotsCast("dbtp-r2", ballots.size());
        gate.seats(10, 10);
        keys.put("dbtp-r2", key.rebuild(1));
        given.add(new RoundStartedEvent("dbtp", "c", "dbtp-r2", 2, 1, round2List, null, 1));
        given.add(key.created("dbtp", "c", 2));
        given.add(new RoundOpenedEvent("dbtp", "c", "dbtp-r2", 2));
        fixture.given(given)
                .when(new CloseRoundCommand("dbtp"))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(captured);
        RoundClosedEvent round2 = captured.only(RoundClosedEvent.class);
        assertThat(round2.elected()).containsExactly("B");
        assertThat(round2.alternates()).containsExactly("D");
        assertThat(round2.firstAlternateRank()).isEqualTo(2);
        assertThat(round2.results())
                .filteredOn(r -> r.candidateId().equals("D"))
                .extracting(r -> r.alternateRank())
                .containsExactly(2);
        assertThat(round2.seatsRemaining()).isZero();
        assertThat(round2.alternateSeatsRemaining()).isZero();
    }

    /** Round {@code round} of the standing committee's election (3 seats) on K01, K02, K03, with these ballots. */
    private RoundClosedEvent closeStandingCommitteeRound(List<List<String>> ballots, int round) {
        String roundId = "btv-r" + round;
        List<Candidate> list = List.of(member("K01"), member("K02"), member("K03"));
        TestRoundKey key = new TestRoundKey(roundId, 1, 1, "K01", "K02", "K03");
        ballots.forEach(kept -> box.deposit(roundId, key.seal(kept)));
        gate.ballotsCast(roundId, ballots.size());
        keys.put(roundId, key.rebuild(1));
        fixture.given(
                        STANDING,
                        new RoundStartedEvent("btv", "c", roundId, round, 3, list),
                        key.created("btv", "c", round),
                        new RoundOpenedEvent("btv", "c", roundId, round))
                .when(new CloseRoundCommand("btv"))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(captured);
        return captured.only(RoundClosedEvent.class);
    }

    /** The delegation's first round on A to E, on a congress of 10 summoned, with these ballots. */
    private RoundClosedEvent closeDelegationRound(
            List<List<String>> ballots, List<Object> earlier, int seats, int alternateSeats) {
        gate.seats(10, 10);
        TestRoundKey key = new TestRoundKey("dbtp-r1", 1, 1, "A", "B", "C", "D", "E");
        ballots.forEach(kept -> box.deposit("dbtp-r1", key.seal(kept)));
        gate.ballotsCast("dbtp-r1", ballots.size());
        keys.put("dbtp-r1", key.rebuild(1));
        List<Object> given = new ArrayList<>(List.of(delegationWithItsList()));
        given.addAll(earlier);
        given.add(new RoundStartedEvent("dbtp", "c", "dbtp-r1", 1, seats, FIVE, null, alternateSeats));
        given.add(key.created("dbtp", "c", 1));
        given.add(new RoundOpenedEvent("dbtp", "c", "dbtp-r1", 1));
        fixture.given(given)
                .when(new CloseRoundCommand("dbtp"))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(captured);
        return captured.only(RoundClosedEvent.class);
    }

    private static Object[] delegationWithItsList() {
        return new Object[] {
            DELEGATION,
            new SeatsDecidedEvent("dbtp", "c", "m-seats", 2, 1),
            new CandidateListApprovedEvent("dbtp", "c", "m-list", FIVE)
        };
    }

    private static Candidate member(String id) {
        return new Candidate(id, "Ủy viên " + id.substring(1));
    }

    private static String[] committee(int members) {
        String[] ids = new String[members];
        for (int i = 0; i < members; i++) {
            ids[i] = String.format("K%02d", i + 1);
        }
        return ids;
    }
}

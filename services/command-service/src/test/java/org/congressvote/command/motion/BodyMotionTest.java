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
import org.congressvote.api.motion.MotionKind;
import org.congressvote.api.motion.MotionOpenedEvent;
import org.congressvote.api.motion.OpenMotionCommand;
import org.congressvote.api.vote.CastVoteCommand;
import org.congressvote.api.vote.VoteCastEvent;
import org.congressvote.api.vote.VoteChoice;
import org.congressvote.api.vote.VoteId;
import org.congressvote.command.gate.FakeVotingGate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A body's own show of hands (issue 17): the executive committee's first plenum votes, by its members and on their
 * base, on the motions of its own elections (the standing committee's seats and list). One fixture test per rule.
 */
class BodyMotionTest {

    private static final DecisionRule CHARTER = DecisionRule.MAJORITY_OF_SUMMONED;
    private static final String LIST = "Bầu Ban Thường vụ: danh sách bầu cử 3 người";

    /** The plenum's motion on the standing committee's list, voted by the executive committee's members. */
    private static final MotionCreatedEvent PLENUM_MOTION = new MotionCreatedEvent(
            "btv-ds", "c", LIST, MotionKind.PROCEDURAL, CHARTER, null, "btv", "bch", "Ban Chấp hành");

    private FixtureConfiguration<Motion> motions;
    private FixtureConfiguration<Vote> votes;
    private FakeVotingGate gate;

    @BeforeEach
    void setUp() {
        // The congress: 245 summoned, 240 present. The executive committee (bch): 33 members, K01..K33, 31 of them
        // checked in. The standing committee's election (btv) is the committee's own; the delegation's (dbtp) the
        // congress's. An election of another congress (x).
        gate = new FakeVotingGate()
                .congress("c")
                .seats(245, 240)
                .body("bch", "c", "Bầu Ban Chấp hành", committee(33))
                .bodySeats("bch", 33, 31)
                .bodyElection("btv", "c", "Bầu Ban Thường vụ", "bch")
                .bodyElection("dbtp", "c", "Bầu Đoàn đại biểu", null)
                .body("x", "other", "Bầu Ban Chấp hành (đại hội khác)", "K01")
                .bodyMotion("m-bch", "c", "bch")
                .present("c", "K01")
                .present("c", "D200");
        motions = new AggregateTestFixture<>(Motion.class);
        motions.registerInjectableResource(gate);
        votes = new AggregateTestFixture<>(Vote.class);
        votes.registerInjectableResource(gate);
    }

    @Test
    void aMotionCanHaveABodyAsItsElectorate() {
        motions.givenNoPriorActivity()
                .when(new CreateMotionCommand("btv-ds", "c", LIST, MotionKind.PROCEDURAL, CHARTER, null, "btv", "bch"))
                .expectEvents(PLENUM_MOTION);
    }

    @Test
    void aMotionsElectorateMustBeAnElectionOfTheSameCongress() {
        motions.givenNoPriorActivity()
                .when(new CreateMotionCommand("m1", "c", "Quy chế làm việc", null, null, null, null, "nope"))
                .expectException(violationOf(ErrorCode.BODY_NOT_FOUND))
                .expectNoEvents();
        motions.givenNoPriorActivity()
                .when(new CreateMotionCommand("m1", "c", "Quy chế làm việc", null, null, null, null, "x"))
                .expectException(violationOf(ErrorCode.BODY_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void theMotionDecidingABodysElectionIsVotedByThatBodyNotByTheCongress() {
        motions.givenNoPriorActivity()
                .when(new CreateMotionCommand("btv-ds", "c", LIST, null, null, null, "btv", null))
                .expectException(violationOf(ErrorCode.ELECTORATE_MISMATCH))
                .expectExceptionMessage("Election btv is voted by the members of Ban Chấp hành: the motion deciding"
                        + " its proposal must be voted by the same electorate, not by the congress.")
                .expectNoEvents();
    }

    @Test
    void theMotionDecidingTheCongresssElectionIsVotedByTheCongressNotByABody() {
        motions.givenNoPriorActivity()
                .when(new CreateMotionCommand("dbtp-sd", "c", "Số dư", null, null, null, "dbtp", "bch"))
                .expectException(violationOf(ErrorCode.ELECTORATE_MISMATCH))
                .expectNoEvents();
    }

    @Test
    void aBodysMotionCannotOpenBeforeTheBodyHasMembers() {
        gate.body("bch", "c", "Bầu Ban Chấp hành"); // no round of the executive committee closed yet
        motions.given(PLENUM_MOTION)
                .when(new OpenMotionCommand("btv-ds"))
                .expectException(violationOf(ErrorCode.BODY_NOT_ELECTED))
                .expectNoEvents();
    }

    @Test
    void aBodysMotionOpensOnceTheBodyHasMembers() {
        motions.given(PLENUM_MOTION)
                .when(new OpenMotionCommand("btv-ds"))
                .expectEvents(new MotionOpenedEvent("btv-ds", "c"));
    }

    @Test
    void seventeenOfThirtyThreeMembersAdoptTheBodysMotion() {
        gate.votes(17, 10, 4);
        motions.given(PLENUM_MOTION, new MotionOpenedEvent("btv-ds", "c"))
                .when(new CloseMotionCommand("btv-ds"))
                .expectEvents(new MotionClosedEvent(
                        "btv-ds", "c", CHARTER, 33, 31, 17, 10, 4, 33, 17, true, "btv", "bch", "Ban Chấp hành"));
    }

    @Test
    void sixteenOfThirtyThreeMembersDoNotAdoptTheBodysMotionThoughTheyAreMoreThanHalfOfThoseWhoVoted() {
        gate.votes(16, 5, 4);
        motions.given(PLENUM_MOTION, new MotionOpenedEvent("btv-ds", "c"))
                .when(new CloseMotionCommand("btv-ds"))
                .expectEvents(new MotionClosedEvent(
                        "btv-ds", "c", CHARTER, 33, 31, 16, 5, 4, 33, 17, false, "btv", "bch", "Ban Chấp hành"));
    }

    @Test
    void onlyMembersOfTheBodyVoteOnItsMotion() {
        votes.givenNoPriorActivity()
                .when(new CastVoteCommand("m-bch", "D200", VoteChoice.AGREE, "r1", "c"))
                .expectException(violationOf(ErrorCode.NOT_IN_ELECTORATE))
                .expectExceptionMessage(
                        "Motion m-bch is voted by the members of the body that votes, and D200 is not one of them.")
                .expectNoEvents();
    }

    @Test
    void aMemberOfTheBodyVotesOnItsMotion() {
        votes.givenNoPriorActivity()
                .when(new CastVoteCommand("m-bch", "K01", VoteChoice.AGREE, "r1", "c"))
                .expectEvents(
                        new VoteCastEvent(VoteId.of("m-bch", "K01"), "m-bch", "c", "K01", VoteChoice.AGREE, "r1"));
    }

    @Test
    void aMemberOfTheBodyVotesOnItsMotionOnlyWhileCheckedIn() {
        votes.givenNoPriorActivity()
                .when(new CastVoteCommand("m-bch", "K02", VoteChoice.AGREE, "r1", "c"))
                .expectException(violationOf(ErrorCode.DELEGATE_NOT_PRESENT))
                .expectNoEvents();
    }

    private static String[] committee(int size) {
        String[] ids = new String[size];
        for (int i = 0; i < size; i++) {
            ids[i] = String.format("K%02d", i + 1);
        }
        return ids;
    }
}

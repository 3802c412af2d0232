package org.congressvote.query.support;

import java.util.ArrayList;
import java.util.List;
import org.congressvote.api.congress.AlternateSeatedEvent;
import org.congressvote.api.congress.CongressCreatedEvent;
import org.congressvote.api.congress.CredentialsAcceptedEvent;
import org.congressvote.api.congress.CredentialsRejectedEvent;
import org.congressvote.api.congress.CredentialsVerifiedEvent;
import org.congressvote.api.congress.DelegateCheckedInEvent;
import org.congressvote.api.congress.DelegateCheckedOutEvent;
import org.congressvote.api.congress.DelegateDeclaredAbsentEvent;
import org.congressvote.api.congress.DelegateKind;
import org.congressvote.api.congress.DelegateRegisteredEvent;
import org.congressvote.api.congress.Fraction;
import org.congressvote.api.congress.Organisation;
import org.congressvote.api.congress.SessionOpenedEvent;
import org.congressvote.api.election.BallotCastEvent;
import org.congressvote.api.election.Candidate;
import org.congressvote.api.election.CandidateResult;
import org.congressvote.api.election.ElectionCreatedEvent;
import org.congressvote.api.election.ReleasedBallot;
import org.congressvote.api.election.RoundClosedEvent;
import org.congressvote.api.election.RoundOpenedEvent;
import org.congressvote.api.election.RoundStartedEvent;
import org.congressvote.api.motion.DecisionRule;
import org.congressvote.api.motion.MotionClosedEvent;
import org.congressvote.api.motion.MotionCreatedEvent;
import org.congressvote.api.motion.MotionOpenedEvent;
import org.congressvote.api.vote.VoteCastEvent;
import org.congressvote.api.vote.VoteChoice;
import org.congressvote.api.vote.VoteId;

/**
 * A congress as the command side would publish it, step by step: roster with alternates, credentials, exclusions,
 * check-ins, open votes, and a secret-ballot election in rounds. Each step publishes through {@link CommandSideEvents}
 * and says what the views must then show.
 */
public final class CongressScenario {

    public final String congress;
    public final int officials;
    public final int alternates;
    private final CommandSideEvents events;

    public CongressScenario(CommandSideEvents events, String congress, int officials, int alternates) {
        this.events = events;
        this.congress = congress;
        this.officials = officials;
        this.alternates = alternates;
    }

    public static String official(int d) {
        return String.format("d%03d", d);
    }

    public static String alternate(int a) {
        return String.format("a%02d", a);
    }

    /**
     * Convenes the congress and decides every credential: the last official rejected, the one before declared absent
     * with alternate 0 seated in their place, alternate 1 seated in place of the rejected one; then every remaining
     * official and the seated alternates check in, and official 0 leaves again. Summoned: every official (both
     * exclusions have an alternate in their place). Present: officials - 3 + 2.
     */
    public void convene() {
        publish(new CongressCreatedEvent(
                congress,
                "Congress " + congress,
                Fraction.TWO_THIRDS,
                List.of(new Organisation("o1", "North", 120), new Organisation("o2", "South", 80))));
        for (int d = 0; d < officials; d++) {
            publish(new DelegateRegisteredEvent(
                    congress,
                    official(d),
                    "Đại biểu " + d,
                    d % 2 == 0 ? "o1" : "o2",
                    DelegateKind.OFFICIAL,
                    null,
                    null));
        }
        for (int a = 0; a < alternates; a++) {
            publish(new DelegateRegisteredEvent(
                    congress, alternate(a), "Dự khuyết " + a, "o1", DelegateKind.ALTERNATE, null, null));
        }
        for (int d = 0; d < officials - 1; d++) {
            publish(new CredentialsAcceptedEvent(congress, official(d)));
        }
        publish(new CredentialsRejectedEvent(congress, official(officials - 1), "not elected below"));
        publish(new CredentialsAcceptedEvent(congress, alternate(0)));
        publish(new CredentialsAcceptedEvent(congress, alternate(1)));
        publish(new CredentialsVerifiedEvent(congress, officials, officials - 1, 1));
        publish(new DelegateDeclaredAbsentEvent(congress, official(officials - 2), "abroad"));
        publish(new AlternateSeatedEvent(congress, alternate(0), official(officials - 2), "abroad"));
        publish(new AlternateSeatedEvent(congress, alternate(1), official(officials - 1), "rejected"));
        publish(new SessionOpenedEvent(congress));
        for (int d = 0; d < officials - 2; d++) {
            publish(new DelegateCheckedInEvent(congress, official(d)));
        }
        publish(new DelegateCheckedInEvent(congress, alternate(0)));
        publish(new DelegateCheckedInEvent(congress, alternate(1)));
        publish(new DelegateCheckedOutEvent(congress, official(0)));
    }

    public long present() {
        return officials - 3 + 2;
    }

    public String motion(String motion) {
        String id = congress + "-" + motion;
        events.publish("Motion", id, new MotionCreatedEvent(id, congress, "Motion " + motion));
        events.publish("Motion", id, new MotionOpenedEvent(id, congress));
        return id;
    }

    public VoteChoice vote(String motionId, int d) {
        VoteChoice choice = VoteChoice.values()[d % 3];
        VoteCastEvent vote = new VoteCastEvent(
                VoteId.of(motionId, official(d)), motionId, congress, official(d), choice, "req-" + d);
        events.publish("Vote", vote.voteId(), vote);
        return choice;
    }

    public void close(String motionId, long agree, long disagree, long abstain) {
        events.publish(
                "Motion",
                motionId,
                new MotionClosedEvent(
                        motionId,
                        congress,
                        DecisionRule.MAJORITY_OF_SUMMONED,
                        officials,
                        present(),
                        agree,
                        disagree,
                        abstain,
                        officials,
                        officials / 2 + 1,
                        agree > officials / 2));
    }

    public List<Candidate> candidates() {
        return List.of(
                new Candidate("k1", "Nguyễn Văn An"),
                new Candidate("k2", "Trần Thị Bình"),
                new Candidate("k3", "Lê Văn Cường"));
    }

    /** Creates the election and its first round, opens it, and returns ballots from the first {@code voters}. */
    public String electionWithOpenRound(String election, int voters) {
        String id = congress + "-" + election;
        events.publish(
                "Election",
                id,
                new ElectionCreatedEvent(id, congress, "Executive committee", 2, DecisionRule.MAJORITY_OF_SUMMONED));
        events.publish("Election", id, new RoundStartedEvent(id, congress, id + "-r1", 1, 2, candidates()));
        events.publish("Election", id, new RoundOpenedEvent(id, congress, id + "-r1", 1));
        ballots(id, id + "-r1", 0, voters);
        return id;
    }

    public void ballots(String electionId, String roundId, int from, int to) {
        for (int d = from; d < to; d++) {
            String participation = "ballot:" + roundId + ":" + official(d);
            events.publish(
                    "Ballot",
                    participation,
                    new BallotCastEvent(
                            participation, electionId, roundId, congress, official(d), "request-hash-" + d));
        }
    }

    /** Closes round 1 with {@code returned} ballots, all keeping k1 and k2 but every fifth keeping all three. */
    public List<ReleasedBallot> closeFirstRound(String electionId, int returned, List<String> receiptHashes) {
        List<ReleasedBallot> ballots = new ArrayList<>();
        for (int b = 0; b < returned; b++) {
            boolean invalid = b % 5 == 4;
            ballots.add(new ReleasedBallot(
                    invalid ? List.of("k1", "k2", "k3") : List.of("k1", "k2"), !invalid, receiptHashes.get(b)));
        }
        long valid = ballots.stream().filter(ReleasedBallot::valid).count();
        long threshold = officials / 2 + 1;
        List<CandidateResult> results = List.of(
                new CandidateResult("k1", "Nguyễn Văn An", valid, valid >= threshold, valid >= threshold),
                new CandidateResult("k2", "Trần Thị Bình", valid, valid >= threshold, valid >= threshold),
                new CandidateResult("k3", "Lê Văn Cường", 0, false, false));
        List<String> elected = valid >= threshold ? List.of("k1", "k2") : List.of();
        events.publish(
                "Election",
                electionId,
                new RoundClosedEvent(
                        electionId,
                        congress,
                        electionId + "-r1",
                        1,
                        2,
                        DecisionRule.MAJORITY_OF_SUMMONED,
                        officials,
                        present(),
                        present(),
                        returned,
                        valid,
                        returned - valid,
                        officials,
                        threshold,
                        results,
                        elected,
                        List.of(),
                        2 - elected.size(),
                        ballots));
        return ballots;
    }

    private void publish(Object congressEvent) {
        events.publish("Congress", congress, congressEvent);
    }
}

package org.congressvote.command.gate;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.congressvote.api.congress.CongressStatus;

/**
 * What a command handler may ask about other aggregates before deciding: where the congress stands, is the motion
 * or round open, is the delegate in the hall, how many seats count. Answers about a motion, round or delegate hold
 * until the current transaction ends, so a vote cannot be closed, nor a delegate leave, between the check and the
 * stored vote.
 */
public interface VotingGate {

    Optional<CongressStatus> congressStatus(String congressId);

    default boolean congressExists(String congressId) {
        return congressStatus(congressId).isPresent();
    }

    /** Whether any motion or election round of the congress is open now. */
    boolean hasOpenVotes(String congressId);

    /** The congress of the motion if it is open now (the motion stays open until this transaction ends). */
    Optional<OpenMotion> openMotion(String motionId);

    /**
     * A voter's view of a motion: its congress if it is open now, and whether the delegate of {@code voterCongressId}
     * is in the hall, both held until this transaction ends as {@link #openMotion} and {@link #isPresent} hold them.
     * Whether the delegate is present is meaningful only if the motion belongs to {@code voterCongressId}.
     */
    default Optional<OpenMotionForVoter> openMotion(String motionId, String voterCongressId, String delegateId) {
        return openMotion(motionId)
                .map(motion -> new OpenMotionForVoter(
                        motion,
                        motion.congressId().equals(voterCongressId) && isPresent(motion.congressId(), delegateId)));
    }

    /** Whether the motion exists at all, to tell "not open" from "no such motion". */
    boolean motionExists(String motionId);

    /** The round and its candidates if it is open now (it stays open until this transaction ends). */
    Optional<OpenRound> openRound(String roundId);

    boolean roundExists(String roundId);

    boolean isRegistered(String congressId, String delegateId);

    /** Whether the delegate is checked in now (and stays so until this transaction ends). */
    boolean isPresent(String congressId, String delegateId);

    /**
     * Waits for the votes on this motion or round that are being decided now, and holds off new ones until the current
     * transaction ends. Call it before storing a change of its state, so that every vote stored before the change
     * also comes before it in the log, and every vote after it sees the new state.
     */
    void awaitVotesInProgress(String motionOrRoundId);

    /** The same for one delegate, before they leave the hall. */
    void awaitVotesInProgress(String congressId, String delegateId);

    /** Seats that count now: official delegates summoned less the legal exclusions, and delegates present. */
    Seats seats(String congressId);

    /**
     * Seats of an electorate: with {@code electorateElectionId} null, the congress's ({@link #seats(String)});
     * otherwise the body's members (the people elected in {@code electorateElectionId}) less those excluded from the
     * congress (declared absent for the whole congress, credentials rejected, or their seat held by an alternate), and
     * those of them checked in now. The one base of a body, for its elections' rounds and its motions alike.
     */
    Seats seats(String congressId, String electorateElectionId);

    /** An election of any congress by its id, as a body its members form: its congress and title. */
    Optional<Body> body(String electionId);

    /** The people elected (official seats) in every round of the election closed so far: the body's members. */
    Set<String> members(String electionId);

    default boolean isMember(String electionId, String personId) {
        return members(electionId).contains(personId);
    }

    /**
     * The open vote's count from the recorded votes, each checked against its event in the verified log (refused,
     * LOG_NOT_INTACT, when the log or a record is not what it should be); exact only while holding the motion
     * (awaitVotesInProgress).
     */
    VoteCount countVotes(String motionId);

    /**
     * Refuses (LOG_NOT_INTACT) a round's close while the event log fails verification or a participation event of
     * the round differs from its chain link. {@link #countVotes} makes the same check for a motion.
     */
    void requireCountableLog(String roundId);

    /** How many delegates returned a ballot in the round (its participation events counted by a close). */
    long ballotsCast(String roundId);

    /** {@code electorateElectionId}: the body whose members vote on the motion, null when the congress votes. */
    record OpenMotion(String motionId, String congressId, String electorateElectionId) {

        public OpenMotion(String motionId, String congressId) {
            this(motionId, congressId, null);
        }
    }

    record OpenMotionForVoter(OpenMotion motion, boolean voterPresent) {}

    /** {@code electorateElectionId}: the body whose members vote in the round, null when the congress votes. */
    record OpenRound(
            String roundId,
            String electionId,
            String congressId,
            List<String> candidateIds,
            String electorateElectionId) {

        public OpenRound(String roundId, String electionId, String congressId, List<String> candidateIds) {
            this(roundId, electionId, congressId, candidateIds, null);
        }
    }

    /** {@code electorateElectionId}: the body whose members vote in this election, null when the congress votes. */
    record Body(String electionId, String congressId, String title, String electorateElectionId) {

        public Body(String electionId, String congressId, String title) {
            this(electionId, congressId, title, null);
        }
    }

    record Seats(long summoned, long present) {}

    record VoteCount(long agree, long disagree, long abstain) {}
}

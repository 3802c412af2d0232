package org.congressvote.command.gate;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.congressvote.api.congress.CongressStatus;

/** An in-memory voting gate for aggregate fixture tests; the real one is tested against PostgreSQL. */
public class FakeVotingGate implements VotingGate {

    private final Map<String, CongressStatus> congresses = new HashMap<>();
    private final Map<String, String> motionCongress = new HashMap<>();
    private final Map<String, String> motionElectorate = new HashMap<>();
    private final Set<String> openMotions = new HashSet<>();
    private final Map<String, OpenRound> rounds = new HashMap<>();
    private final Set<String> openRounds = new HashSet<>();
    private final Map<String, Long> ballotsCast = new HashMap<>();
    private final Set<String> present = new HashSet<>();
    private final Set<String> locked = new HashSet<>();
    private Set<String> registered;
    private Seats seats = new Seats(0, 0);
    private final Map<String, Body> bodies = new HashMap<>();
    private final Map<String, Set<String>> members = new HashMap<>();
    private final Map<String, Seats> bodySeats = new HashMap<>();
    private VoteCount count = new VoteCount(0, 0, 0);

    public FakeVotingGate congress(String congressId) {
        return congress(congressId, CongressStatus.IN_SESSION);
    }

    public FakeVotingGate congress(String congressId, CongressStatus status) {
        congresses.put(congressId, status);
        return this;
    }

    public FakeVotingGate motion(String motionId, String congressId, boolean open) {
        motionCongress.put(motionId, congressId);
        if (open) {
            openMotions.add(motionId);
        }
        return this;
    }

    /** An open motion voted by the members of the body formed by {@code electorateElectionId}. */
    public FakeVotingGate bodyMotion(String motionId, String congressId, String electorateElectionId) {
        motion(motionId, congressId, true);
        motionElectorate.put(motionId, electorateElectionId);
        return this;
    }

    public FakeVotingGate round(
            String roundId, String electionId, String congressId, boolean open, String... candidates) {
        rounds.put(roundId, new OpenRound(roundId, electionId, congressId, List.of(candidates)));
        if (open) {
            openRounds.add(roundId);
        }
        return this;
    }

    /** A round whose electorate is the body formed by {@code electorateElectionId}. */
    public FakeVotingGate bodyRound(
            String roundId, String electionId, String congressId, String electorateElectionId, String... candidates) {
        rounds.put(roundId, new OpenRound(roundId, electionId, congressId, List.of(candidates), electorateElectionId));
        openRounds.add(roundId);
        return this;
    }

    /** An election of the congress, known as a body, with the people it elected so far. */
    public FakeVotingGate body(String electionId, String congressId, String title, String... memberIds) {
        bodies.put(electionId, new Body(electionId, congressId, title));
        members.put(electionId, new HashSet<>(List.of(memberIds)));
        return this;
    }

    /** An election of the congress whose electorate is the body formed by {@code electorateElectionId}. */
    public FakeVotingGate bodyElection(
            String electionId, String congressId, String title, String electorateElectionId) {
        bodies.put(electionId, new Body(electionId, congressId, title, electorateElectionId));
        return this;
    }

    /** The seats of a body's electorate that a close finds (summoned, present). */
    public FakeVotingGate bodySeats(String electorateElectionId, long summoned, long presentCount) {
        bodySeats.put(electorateElectionId, new Seats(summoned, presentCount));
        return this;
    }

    /** How many participation events a round's close finds. */
    public FakeVotingGate ballotsCast(String roundId, long count) {
        ballotsCast.put(roundId, count);
        return this;
    }

    /** Only these delegates are on the roster (without it, every id is). */
    public FakeVotingGate roster(String... delegateIds) {
        registered = Set.of(delegateIds);
        return this;
    }

    public FakeVotingGate present(String congressId, String delegateId) {
        present.add(congressId + "/" + delegateId);
        return this;
    }

    public FakeVotingGate seats(long summoned, long presentCount) {
        seats = new Seats(summoned, presentCount);
        return this;
    }

    public FakeVotingGate votes(long agree, long disagree, long abstain) {
        count = new VoteCount(agree, disagree, abstain);
        return this;
    }

    /** Which motions, rounds or delegates a handler waited for before changing their state. */
    public Set<String> locked() {
        return locked;
    }

    @Override
    public Optional<CongressStatus> congressStatus(String congressId) {
        return Optional.ofNullable(congresses.get(congressId));
    }

    @Override
    public boolean hasOpenVotes(String congressId) {
        return openMotions.stream().anyMatch(m -> congressId.equals(motionCongress.get(m)))
                || openRounds.stream()
                        .anyMatch(r -> congressId.equals(rounds.get(r).congressId()));
    }

    @Override
    public Optional<OpenMotion> openMotion(String motionId) {
        return openMotions.contains(motionId)
                ? Optional.of(new OpenMotion(motionId, motionCongress.get(motionId), motionElectorate.get(motionId)))
                : Optional.empty();
    }

    @Override
    public boolean motionExists(String motionId) {
        return motionCongress.containsKey(motionId);
    }

    @Override
    public Optional<OpenRound> openRound(String roundId) {
        return openRounds.contains(roundId) ? Optional.of(rounds.get(roundId)) : Optional.empty();
    }

    @Override
    public boolean roundExists(String roundId) {
        return rounds.containsKey(roundId);
    }

    @Override
    public boolean isRegistered(String congressId, String delegateId) {
        return registered == null || registered.contains(delegateId);
    }

    @Override
    public boolean isPresent(String congressId, String delegateId) {
        return present.contains(congressId + "/" + delegateId);
    }

    @Override
    public void awaitVotesInProgress(String motionOrRoundId) {
        locked.add(motionOrRoundId);
    }

    @Override
    public void awaitVotesInProgress(String congressId, String delegateId) {
        locked.add(congressId + "/" + delegateId);
    }

    @Override
    public Seats seats(String congressId) {
        return seats;
    }

    @Override
    public Seats seats(String congressId, String electorateElectionId) {
        if (electorateElectionId == null) {
            return seats;
        }
        return bodySeats.getOrDefault(electorateElectionId, new Seats(0, 0));
    }

    @Override
    public Optional<Body> body(String electionId) {
        return Optional.ofNullable(bodies.get(electionId));
    }

    @Override
    public Set<String> members(String electionId) {
        return members.getOrDefault(electionId, Set.of());
    }

    @Override
    public VoteCount countVotes(String motionId) {
        return count;
    }

    @Override
    public void requireCountableLog(String roundId) {
        // the fixture has no log to verify
    }

    @Override
    public long ballotsCast(String roundId) {
        return ballotsCast.getOrDefault(roundId, 0L);
    }
}

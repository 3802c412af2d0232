package org.congressvote.command.vote;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** An in-memory voting gate for aggregate fixture tests; the real one is tested against PostgreSQL. */
public class FakeVotingGate implements VotingGate {

    private final Set<String> congresses = new HashSet<>();
    private final Map<String, String> motionCongress = new HashMap<>();
    private final Set<String> openMotions = new HashSet<>();
    private final Set<String> present = new HashSet<>();

    public FakeVotingGate congress(String congressId) {
        congresses.add(congressId);
        return this;
    }

    public FakeVotingGate motion(String motionId, String congressId, boolean open) {
        motionCongress.put(motionId, congressId);
        if (open) {
            openMotions.add(motionId);
        }
        return this;
    }

    public FakeVotingGate present(String congressId, String delegateId) {
        present.add(congressId + "/" + delegateId);
        return this;
    }

    @Override
    public boolean congressExists(String congressId) {
        return congresses.contains(congressId);
    }

    @Override
    public Optional<OpenMotion> openMotion(String motionId) {
        return openMotions.contains(motionId)
                ? Optional.of(new OpenMotion(motionId, motionCongress.get(motionId)))
                : Optional.empty();
    }

    @Override
    public boolean isPresent(String congressId, String delegateId) {
        return present.contains(congressId + "/" + delegateId);
    }

    @Override
    public void awaitVotesInProgress(String motionId) {
        // one thread in a fixture test: nothing to wait for
    }

    @Override
    public void awaitVotesInProgress(String congressId, String delegateId) {
        // one thread in a fixture test: nothing to wait for
    }

    @Override
    public boolean motionExists(String motionId) {
        return motionCongress.containsKey(motionId);
    }
}

package org.congressvote.command.election;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The rebuilt keys of rounds being closed, in memory only and only for the time of their close command: the
 * {@link CountingCommittee} puts a key in after checking it against the round's public key and takes it out (and
 * wipes it) once the command is decided, whatever its outcome.
 */
@Component
public class RoundKeyRing {

    private final Map<String, SealedBox.OpenKey> keys = new ConcurrentHashMap<>();

    void put(String roundId, SealedBox.OpenKey key) {
        keys.put(roundId, key);
    }

    Optional<SealedBox.OpenKey> key(String roundId) {
        return Optional.ofNullable(keys.get(roundId));
    }

    void wipe(String roundId) {
        SealedBox.OpenKey key = keys.remove(roundId);
        if (key != null) {
            key.wipe();
        }
    }
}

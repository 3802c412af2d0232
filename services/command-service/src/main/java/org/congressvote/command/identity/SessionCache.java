package org.congressvote.command.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sessions found valid moments ago, by token hash, so that a phone voting does not cost a session read per request.
 * An entry lives at most {@code ttl} (and never past the session's expiry); a session revoked by this instance is
 * forgotten at once, one revoked elsewhere (another instance, the database by hand) works for at most {@code ttl}.
 * Only valid sessions are kept: an unknown or revoked token is looked up every time.
 */
final class SessionCache {

    private record Entry(Principal principal, long untilNanos) {}

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final int maxEntries;

    SessionCache(Duration ttl, int maxEntries) {
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
    }

    Principal get(String tokenHash) {
        Entry entry = entries.get(tokenHash);
        if (entry == null) {
            return null;
        }
        if (System.nanoTime() - entry.untilNanos >= 0) {
            entries.remove(tokenHash, entry);
            return null;
        }
        return entry.principal;
    }

    void put(String tokenHash, Principal principal, Instant expiresAt) {
        if (ttlNanos <= 0) {
            return;
        }
        long now = System.nanoTime();
        long left = Duration.between(Instant.now(), expiresAt).toNanos();
        if (left <= 0) {
            return;
        }
        if (entries.size() >= maxEntries) {
            entries.values().removeIf(e -> now - e.untilNanos >= 0);
            if (entries.size() >= maxEntries) {
                return; // full of live sessions: look the others up each time rather than grow
            }
        }
        entries.put(tokenHash, new Entry(principal, now + Math.min(ttlNanos, left)));
    }

    void forget(String tokenHash) {
        entries.remove(tokenHash);
    }

    void forgetDelegate(String congressId, String delegateId) {
        entries.values()
                .removeIf(e ->
                        congressId.equals(e.principal.congressId()) && delegateId.equals(e.principal.delegateId()));
    }
}

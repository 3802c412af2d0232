package org.congressvote.command.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionCacheTest {

    private static final Principal D1 = new Principal("delegate:c/D1", Role.DELEGATE, "c", "D1");
    private static final Principal D2 = new Principal("delegate:c/D2", Role.DELEGATE, "c", "D2");
    private static final Instant IN_AN_HOUR = Instant.now().plusSeconds(3600);

    @Test
    void aValidSessionIsRememberedOnlyForItsShortWhile() throws Exception {
        SessionCache cache = new SessionCache(Duration.ofMillis(50), 10);
        cache.put("h1", D1, IN_AN_HOUR);
        assertThat(cache.get("h1")).isEqualTo(D1);
        Thread.sleep(80);
        assertThat(cache.get("h1")).isNull();
    }

    @Test
    void aSessionIsNeverRememberedPastItsExpiry() throws Exception {
        SessionCache cache = new SessionCache(Duration.ofSeconds(10), 10);
        cache.put("h1", D1, Instant.now().plusMillis(50));
        cache.put("h2", D2, Instant.now().minusSeconds(1));
        assertThat(cache.get("h2")).isNull();
        Thread.sleep(80);
        assertThat(cache.get("h1")).isNull();
    }

    @Test
    void revokingADelegateForgetsEverySessionOfTheirsAndNoOther() {
        SessionCache cache = new SessionCache(Duration.ofSeconds(10), 10);
        cache.put("h1", D1, IN_AN_HOUR);
        cache.put("h1b", D1, IN_AN_HOUR);
        cache.put("h2", D2, IN_AN_HOUR);
        cache.forgetDelegate("c", "D1");
        assertThat(cache.get("h1")).isNull();
        assertThat(cache.get("h1b")).isNull();
        assertThat(cache.get("h2")).isEqualTo(D2);
        cache.forget("h2");
        assertThat(cache.get("h2")).isNull();
    }

    @Test
    void aFullCacheDoesNotGrowAndAZeroLifetimeRemembersNothing() {
        SessionCache full = new SessionCache(Duration.ofSeconds(10), 1);
        full.put("h1", D1, IN_AN_HOUR);
        full.put("h2", D2, IN_AN_HOUR);
        assertThat(full.get("h1")).isEqualTo(D1);
        assertThat(full.get("h2")).isNull();

        SessionCache off = new SessionCache(Duration.ZERO, 10);
        off.put("h1", D1, IN_AN_HOUR);
        assertThat(off.get("h1")).isNull();
    }
}

package org.congressvote.system.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.congressvote.infra.RealServers;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * kill -9 of the PostgreSQL postmaster in the middle of a burst, then a restart on the same data folder (crash
 * recovery from the WAL). Requests during the outage may fail (5xx); every vote answered 201 must be in the log
 * after recovery (fsync and synchronous_commit are on), and the read side must agree with it.
 */
@ExtendWith(RealServers.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresCrashIT {

    private static final String SCENARIO = "kill -9 PostgreSQL";
    private static Scenario.Outcome outcome;

    @Test
    @Order(1)
    void everyAcknowledgedVoteIsStoredAfterPostgresIsKilledMidBurst() throws Exception {
        outcome = Scenario.run(SCENARIO, "fault-postgres-kill", 120, system -> {
            RealServers.postgres().killPostmaster();
            Thread.sleep(2000);
            RealServers.postgres().restart();
        });
        // Phones treat a success without the vote's receipt as unconfirmed and ask again with the same request id;
        // such answers are asserted on their own below.
        Scenario.assertExactAllowingUnconfirmedSuccesses(SCENARIO, outcome);
    }

    /*
     * Found by this test (docs/reliability.md, "Findings"): with the command-service of 04:39 (UTC), votes in flight
     * when PostgreSQL died were sometimes answered 200 with an empty body (3 of 4 runs); not seen since the store's
     * failures are answered 503 (ab52406).
     */
    @Test
    @Order(2)
    void noVoteIsAnsweredWithASuccessThatCarriesNoReceipt() {
        assertThat(outcome).as("the burst ran").isNotNull();
        assertThat(outcome.burst().unconfirmedSuccesses)
                .as(SCENARIO + ": success answers without the vote's receipt")
                .isEmpty();
    }
}

package org.congressvote.system.faults;

import java.util.concurrent.TimeUnit;

import org.congressvote.infra.RealServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * kill -9 of the PostgreSQL postmaster in the middle of a burst, then a restart on the same data folder (crash
 * recovery from the WAL). Requests during the outage may fail (5xx); every vote answered 201 must be in the log
 * after recovery (fsync and synchronous_commit are on), and the read side must agree with it.
 */
@ExtendWith(RealServers.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class PostgresCrashIT {

    @Test
    void everyAcknowledgedVoteIsStoredAfterPostgresIsKilledMidBurst() throws Exception {
        String scenario = "kill -9 PostgreSQL";
        Scenario.Outcome outcome = Scenario.run(scenario, "fault-postgres-kill", 120, system -> {
            RealServers.postgres().killPostmaster();
            Thread.sleep(2000);
            RealServers.postgres().restart();
        });
        Scenario.assertExact(scenario, outcome);
    }
}

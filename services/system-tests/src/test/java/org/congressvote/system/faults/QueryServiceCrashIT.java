package org.congressvote.system.faults;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.congressvote.infra.RealServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** kill -9 of the query-service in the middle of a burst: restarted, it resumes from its tokens and counts exactly. */
@ExtendWith(RealServers.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class QueryServiceCrashIT {

    @Test
    void talliesAreExactAfterTheQueryServiceIsKilledMidBurstAndRestarted() throws Exception {
        String scenario = "kill -9 query-service";
        Scenario.Outcome outcome = Scenario.run(scenario, "fault-query-kill", 120, system -> {
            system.queries.kill();
            Thread.sleep(500);
            system.queries.start().awaitHealthy(Duration.ofSeconds(300));
        });
        Scenario.assertExact(scenario, outcome);
    }
}

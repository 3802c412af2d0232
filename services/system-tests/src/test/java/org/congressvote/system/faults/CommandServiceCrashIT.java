package org.congressvote.system.faults;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.congressvote.infra.RealServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * kill -9 of the command-service in the middle of a burst. Phones see connection errors and send the same request
 * (same request id) again until the restarted instance answers: every 201 is in the log and in the tally, none
 * twice, and a vote stored just before the kill whose answer was lost is answered 201 on the retry, not 409.
 */
@ExtendWith(RealServers.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class CommandServiceCrashIT {

    @Test
    void everyAcknowledgedVoteSurvivesAKillOfTheCommandServiceMidBurst() throws Exception {
        String scenario = "kill -9 command-service";
        Scenario.Outcome outcome = Scenario.run(scenario, "fault-command-kill", 120, system -> {
            system.commands.kill();
            Thread.sleep(500);
            system.commands.start().awaitHealthy(Duration.ofSeconds(300));
        });
        Scenario.assertExact(scenario, outcome);
    }
}

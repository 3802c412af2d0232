package org.congressvote.system.faults;

import java.util.concurrent.TimeUnit;
import org.congressvote.infra.RealServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Kafka broker goes away in the middle of a burst, cleanly (SIGTERM) or by a crash (SIGKILL), and comes back on
 * the same data. Votes keep being accepted (the log is PostgreSQL); the publisher catches up from its token and the
 * read side ends exact: nothing lost, nothing counted twice although the publisher may send events again.
 */
@ExtendWith(RealServers.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class KafkaBrokerOutageIT {

    @Test
    void nothingIsLostOrDoubledWhenTheBrokerIsStoppedMidBurstAndRestarted() throws Exception {
        String scenario = "Kafka broker stopped";
        Scenario.Outcome outcome = Scenario.run(scenario, "fault-kafka-stop", 120, system -> {
            RealServers.kafka().stop();
            Thread.sleep(3000);
            RealServers.kafka().restart();
        });
        Scenario.assertExact(scenario, outcome);
    }

    @Test
    void nothingIsLostOrDoubledWhenTheBrokerIsKilledMidBurstAndRestarted() throws Exception {
        String scenario = "Kafka broker killed";
        Scenario.Outcome outcome = Scenario.run(scenario, "fault-kafka-kill", 120, system -> {
            RealServers.kafka().kill();
            Thread.sleep(3000);
            RealServers.kafka().restart();
        });
        Scenario.assertExact(scenario, outcome);
    }
}

package org.congressvote.system.faults;

import java.util.concurrent.TimeUnit;
import org.congressvote.infra.RealServers;
import org.congressvote.testsupport.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * kill -9 of the MongoDB-wire server (H2 backend) in the middle of a burst: it loses about its last second of
 * acknowledged writes, projection documents and the processors' tokens alike. Restarted on the same data, the
 * query-service must bring the projections back to exact by itself (its processors fail while the server is away,
 * read their token again and replay from it; every projection update ignores a repeat).
 */
@ExtendWith(RealServers.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class MongoCrashIT {

    @Test
    void projectionsComeBackExactAfterTheMongoServerIsKilledMidBurst() throws Exception {
        String scenario = "kill -9 MongoDB-wire server";
        String motionId = "fault-mongo-kill";
        // 400 votes at 50 a second; the kill comes once the read side has counted 120 of them, so that the store
        // holds projection writes of the motion, some of them not yet committed to its file
        Scenario.Outcome outcome = Scenario.run(scenario, motionId, 50, 100, system -> {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (voted(system, motionId) < 120 && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            long before = voted(system, motionId);
            system.mongo.kill();
            Thread.sleep(2000);
            system.mongo.start();
            // read at once, before the processors' retry (1 s, then 2 s back-off) replays what the store lost
            System.out.printf(
                    "[%s] tally before the kill: %d voted; on the restarted store: %d voted%n",
                    scenario, before, voted(system, motionId));
        });
        Scenario.assertExact(scenario, outcome);
    }

    private static long voted(FaultSystem system, String motionId) {
        try {
            Answer tally = system.publicQueries.get("/api/motions/" + motionId + "/tally");
            return tally.statusCode() == 200 ? tally.json().path("voted").asLong(-1) : -tally.statusCode();
        } catch (Exception e) {
            return -1;
        }
    }
}

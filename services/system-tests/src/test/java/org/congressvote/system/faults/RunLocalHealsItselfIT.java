package org.congressvote.system.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The local run heals itself: {@code run-local.sh} supervises every server and service, and each, killed with -9 in
 * the middle of a vote, is started again by the script alone (no test code restarts anything) while the others keep
 * running. The phones retry with the same request id; once the system answers again every vote is acknowledged, and
 * the three counters (acknowledged, stored, shown) agree.
 */
@Timeout(value = 900, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunLocalHealsItselfIT {

    /** Fewer than the other fault tests' 400: five bursts, and each service restart waits for a JVM's start-up. */
    private static final int DELEGATES = 200;

    private static final int FAULT_AFTER_ACKS = 60;

    private RunLocal run;
    private Hall hall;

    /** Generous: on a loaded machine a service takes minutes to start (272 s seen with a load of 35 on 2 cores). */
    @BeforeAll
    @Timeout(value = 1200, unit = TimeUnit.SECONDS)
    void startTheLocalRun() throws Exception {
        run = new RunLocal(Path.of(
                        "target", "run-local-heals-" + ProcessHandle.current().pid()))
                .start(Duration.ofSeconds(1000));
        hall = new Hall("heals-congress", DELEGATES, run::commandUrl, run::queryUrl) {
            @Override
            String jdbcUrl() {
                return run.jdbcUrl();
            }
        };
        hall.seedCongress(run.adminPassword);
    }

    @AfterAll
    void stopTheLocalRunAndCheckNothingIsLeft() throws Exception {
        if (run == null) {
            return;
        }
        run.close();
        assertThat(run.survivors())
                .as("processes of the run still alive after it stopped")
                .isEmpty();
    }

    @Test
    @Order(1)
    void theCommandServiceKilledMidVoteIsRestartedAndEveryAcknowledgedVoteCountsOnce() throws Exception {
        killMidBurstAndCount("command-service", "heal-command", () -> {
            long pid = run.pid("command-service");
            RunLocal.kill9(pid, "command-service");
            return pid;
        });
    }

    @Test
    @Order(2)
    void theQueryServiceKilledMidVoteIsRestartedAndTheTallyEndsExact() throws Exception {
        killMidBurstAndCount("query-service", "heal-query", () -> {
            long pid = run.pid("query-service");
            RunLocal.kill9(pid, "query-service");
            return pid;
        });
    }

    /** The postmaster itself: its launcher notices, exits, and is started again (crash recovery from the WAL). */
    @Test
    @Order(3)
    void postgresKilledMidVoteIsRestartedAndEveryAcknowledgedVoteIsInTheLog() throws Exception {
        killMidBurstAndCount("postgres", "heal-postgres", () -> {
            long launcher = run.pid("postgres");
            RunLocal.kill9(run.postmasterPid(), "postgres");
            return launcher;
        });
    }

    /** The launcher, not the postmaster: the restarted launcher stops the postmaster left behind and starts anew. */
    @Test
    @Order(4)
    void postgresLauncherKilledMidVoteIsRestartedAndTakesOverItsDatabase() throws Exception {
        killMidBurstAndCount("postgres", "heal-postgres-launcher", () -> {
            long launcher = run.pid("postgres");
            RunLocal.kill9(launcher, "PostgresMain");
            return launcher;
        });
    }

    @Test
    @Order(5)
    void theKafkaBrokerKilledMidVoteIsRestartedAndNothingIsLostOrDoubled() throws Exception {
        killMidBurstAndCount("kafka", "heal-kafka", () -> {
            long pid = run.pid("kafka");
            RunLocal.kill9(pid, "KafkaBrokerMain");
            return pid;
        });
    }

    @Test
    @Order(6)
    void theMongoServerKilledMidVoteIsRestartedAndTheTallyEndsExact() throws Exception {
        killMidBurstAndCount("mongo", "heal-mongo", () -> {
            long pid = run.pid("mongo");
            RunLocal.kill9(pid, "MongoWireMain");
            return pid;
        });
    }

    interface Kill {
        /** Kills and returns the pid of the process run-local.sh supervises (to see it replaced). */
        long kill() throws Exception;
    }

    private void killMidBurstAndCount(String name, String motionId, Kill kill) throws Exception {
        run.awaitServicesUp(Duration.ofSeconds(400));
        hall.openMotion(motionId);
        VoteBurst burst = new VoteBurst(
                        hall, motionId, run::commandUrl, Scenario.THREADS, Scenario.RATE, Duration.ofSeconds(400))
                .start();
        burst.awaitAcks(FAULT_AFTER_ACKS, Duration.ofSeconds(60));
        int exitsBefore = run.said(name, "exited unexpectedly");
        int restartsBefore = run.said(name, "restarted");
        int postgresReadyBefore = run.postgresReadyLines();
        long killedAt = burst.elapsedMillis();
        long killed = kill.kill();
        long restarted = run.awaitRestarted(name, killed, restartsBefore, Duration.ofSeconds(120));
        System.out.printf(
                "[run-local: kill -9 %s] pid %d killed at %d ms after %d acks; restarted by run-local.sh as pid %d"
                        + " at %d ms%n",
                name, killed, killedAt, FAULT_AFTER_ACKS, restarted, burst.elapsedMillis());
        if (name.equals("postgres")) {
            // the launcher's kill leaves the database up until the new launcher takes it over: count after that
            run.awaitPostgresReady(postgresReadyBefore, Duration.ofSeconds(300));
        }
        burst.awaitEnd();
        hall.closeMotion(motionId, Duration.ofSeconds(120));
        Ledger.Counters counters = Ledger.check(hall, motionId, burst.acked, Duration.ofSeconds(400));
        String scenario = "run-local: kill -9 " + name;
        System.out.printf("[%s] %s%n[%s] %s%n", scenario, burst.summary(), scenario, counters);

        assertThat(run.said(name, "exited unexpectedly (status "))
                .as("lines of run-local.sh saying that " + name + " exited unexpectedly")
                .isGreaterThan(exitsBefore);
        counters.assertAllZero(scenario);
        assertThat(burst.anomalies)
                .as(scenario + ": answers no phone should get")
                .isEmpty();
        assertThat(burst.unconfirmedSuccesses)
                .as(scenario + ": success answers without the vote's receipt")
                .isEmpty();
        assertThat(burst.gaveUp)
                .as(scenario + ": phones that never got an answer")
                .isEmpty();
        assertThat(burst.acked).as(scenario + ": acknowledged votes").hasSize(DELEGATES);
    }
}

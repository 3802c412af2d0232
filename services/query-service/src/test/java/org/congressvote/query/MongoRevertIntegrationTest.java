package org.congressvote.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.UUID;
import org.congressvote.api.congress.AttendanceResponse;
import org.congressvote.api.congress.FetchAttendanceQuery;
import org.congressvote.api.election.ElectionResponse;
import org.congressvote.api.election.FetchElectionQuery;
import org.congressvote.api.motion.FetchTallyQuery;
import org.congressvote.api.motion.MotionStatus;
import org.congressvote.infra.MongoWireServer;
import org.congressvote.infra.RealServers;
import org.congressvote.query.congress.CongressProjection;
import org.congressvote.query.election.ElectionProjection;
import org.congressvote.query.motion.MotionProjection;
import org.congressvote.query.support.CommandSideEvents;
import org.congressvote.query.support.CongressScenario;
import org.congressvote.testsupport.Answer;
import org.congressvote.testsupport.CongressApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The MongoDB-wire server (H2 backend) goes down and comes back on an older state, as after a kill -9 that loses its
 * last second of writes: views and tokens go back together while the query-service runs on. Without a restart of the
 * service, the views must come back exact: every event applied once, none lost.
 * <p>
 * The older state is made deterministic here: a copy of the store file taken at a clean stop, put back in place
 * later, after more events were projected into the newer state.
 */
@ExtendWith(RealServers.class)
class MongoRevertIntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(MongoRevertIntegrationTest.class);
    private static final int OFFICIALS = 50;

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void viewsComeBackExactAfterTheStoreLostWritesWithoutARestartOfTheService() throws Exception {
        Path data = dir.resolve("mongo");
        Path snapshot = dir.resolve("snapshot.mv");
        MongoWireServer mongo = MongoWireServer.start(data, 0);
        int port = mongo.port();
        String congress = "revert-" + UUID.randomUUID().toString().substring(0, 8);
        try (CommandSideEvents events = new CommandSideEvents(RealServers.kafkaBootstrap(), RealServers.TOPIC);
                ConfigurableApplicationContext service = start(mongo)) {
            CongressScenario scenario = new CongressScenario(events, congress, OFFICIALS, 2);
            String motion = scenario.motion("budget");
            long[] counts = new long[3];
            for (int d = 0; d < 20; d++) {
                counts[scenario.vote(motion, d).ordinal()]++;
            }
            String election = scenario.electionWithOpenRound("bch", 10);
            events.flush();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> voted(service, motion) == 20 && turnout(service, election) == 10);

            // A copy of the store as it is now: the state it will fall back to.
            mongo.close();
            Files.copy(data.resolve(MongoWireServer.STORE_FILE), snapshot);
            mongo = MongoWireServer.start(data, port);

            scenario.convene();
            for (int d = 20; d < 45; d++) {
                counts[scenario.vote(motion, d).ordinal()]++;
            }
            scenario.ballots(election, election + "-r1", 10, 30);
            events.flush();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> voted(service, motion) == 45
                            && turnout(service, election) == 30
                            && present(service, congress) == scenario.present());

            // The store goes back in time while the service runs on: the views show the older state for a moment.
            mongo.close();
            Files.copy(snapshot, data.resolve(MongoWireServer.STORE_FILE), StandardCopyOption.REPLACE_EXISTING);
            mongo = MongoWireServer.start(data, port);
            log.info(
                    "Store restored to its older state: {} votes and a turnout of {} right after",
                    voted(service, motion),
                    turnout(service, election));

            long back = System.nanoTime();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> voted(service, motion) == 45
                            && turnout(service, election) == 30
                            && present(service, congress) == scenario.present());
            log.info(
                    "Views exact again {} ms after the store came back on its older state",
                    (System.nanoTime() - back) / 1_000_000);

            // And the service goes on with new events.
            for (int d = 45; d < OFFICIALS - 2; d++) {
                counts[scenario.vote(motion, d).ordinal()]++;
            }
            scenario.close(motion, counts[0], counts[1], counts[2]);
            events.flush();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> service.getBean(MotionProjection.class)
                            .handle(new FetchTallyQuery(motion))
                            .map(t -> t.status() == MotionStatus.CLOSED)
                            .orElse(false));

            MotionProjection.LiveCounts counted =
                    service.getBean(MotionProjection.class).liveCounts(motion);
            assertThat(counted).isEqualTo(new MotionProjection.LiveCounts(counts[0], counts[1], counts[2]));
            AttendanceResponse attendance = service.getBean(CongressProjection.class)
                    .handle(new FetchAttendanceQuery(congress))
                    .orElseThrow();
            assertThat(attendance.summoned()).isEqualTo(OFFICIALS);
            assertThat(attendance.present()).isEqualTo(scenario.present());
            ElectionResponse.Round round = service.getBean(ElectionProjection.class)
                    .handle(new FetchElectionQuery(election))
                    .orElseThrow()
                    .rounds()
                    .get(0);
            assertThat(round.turnout()).isEqualTo(30);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode health = health(service);
                assertThat(health.get("status").asText()).as(health.toString()).isEqualTo("UP");
            });
        } finally {
            mongo.close();
        }
    }

    private ConfigurableApplicationContext start(MongoWireServer mongo) {
        return new SpringApplicationBuilder(QueryServiceApplication.class)
                .run(
                        "--server.port=0",
                        "--axon.kafka.bootstrap-servers=" + RealServers.kafkaBootstrap(),
                        "--spring.data.mongodb.uri=" + mongo.connectionString() + "/revert");
    }

    /* Reads that fail while the store is away count as "not there yet". */
    private static long voted(ConfigurableApplicationContext service, String motion) {
        try {
            return service.getBean(MotionProjection.class).liveCounts(motion).voted();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static long turnout(ConfigurableApplicationContext service, String election) {
        try {
            return service.getBean(ElectionProjection.class).turnout(election + "-r1");
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static long present(ConfigurableApplicationContext service, String congress) {
        try {
            return service.getBean(CongressProjection.class)
                    .handle(new FetchAttendanceQuery(congress))
                    .map(AttendanceResponse::present)
                    .orElse(-1L);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private JsonNode health(ConfigurableApplicationContext service) throws Exception {
        String port = service.getEnvironment().getProperty("local.server.port");
        Answer response =
                CongressApi.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                        .build());
        return json.readTree(response.body());
    }
}

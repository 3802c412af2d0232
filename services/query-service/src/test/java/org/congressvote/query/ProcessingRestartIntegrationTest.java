package org.congressvote.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.axonframework.config.ConfigurerModule;
import org.congressvote.api.congress.CongressCreatedEvent;
import org.congressvote.api.congress.FetchAttendanceQuery;
import org.congressvote.api.congress.Fraction;
import org.congressvote.api.motion.MotionCreatedEvent;
import org.congressvote.api.motion.MotionOpenedEvent;
import org.congressvote.api.vote.VoteCastEvent;
import org.congressvote.api.vote.VoteChoice;
import org.congressvote.api.vote.VoteId;
import org.congressvote.infra.RealServers;
import org.congressvote.query.congress.CongressProjection;
import org.congressvote.query.motion.MotionProjection;
import org.congressvote.query.store.ViewStore;
import org.congressvote.query.support.CommandSideEvents;
import org.congressvote.query.support.HandledEvents;
import org.congressvote.testsupport.LiveStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Stopping the query service and starting it again on the same MongoDB: its processors resume from the tokens they
 * stored, and events published again in between (a restarted publisher) are not counted twice.
 */
@ExtendWith(RealServers.class)
class ProcessingRestartIntegrationTest {

    private final String database = "restart-" + UUID.randomUUID().toString().substring(0, 8);
    private final String motion = database + "-m1";

    @Test
    void restartedServiceResumesFromItsStoredTokensAndCountsNothingTwice() throws Exception {
        try (CommandSideEvents events = new CommandSideEvents(RealServers.kafkaBootstrap(), RealServers.TOPIC)) {
            events.publish(
                    "Congress",
                    "c-" + database,
                    new CongressCreatedEvent("c-" + database, "Budget day", Fraction.HALF));
            events.publish("Motion", motion, new MotionCreatedEvent(motion, "c-" + database, "Budget"));
            events.publish("Motion", motion, new MotionOpenedEvent(motion, "c-" + database));
            for (int d = 0; d < 100; d++) {
                events.publish("Vote", VoteId.of(motion, delegate(d)), vote(d));
            }
            events.flush();

            HandledEvents firstRun = new HandledEvents(ViewStore.PROCESSING_GROUP);
            ConfigurableApplicationContext first = start(firstRun);
            // The congress travels in another partition than the motion and its votes: wait for both.
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> voted(first) == 100
                            && first.getBean(CongressProjection.class)
                                    .handle(new FetchAttendanceQuery("c-" + database))
                                    .isPresent());
            try (LiveStream dashboard = LiveStream.open("http://127.0.0.1:"
                    + first.getEnvironment().getProperty("local.server.port") + "/api/congresses/c-" + database
                    + "/live")) {
                // An open live stream must not hold up the shutdown (graceful shutdown waits up to 30 s).
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> !dashboard.data("attendance").isEmpty());
                long closing = System.nanoTime();
                first.close();
                assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(Duration.ofSeconds(10));
            }

            // While the service is down: 50 new votes, and 20 old ones published again at new offsets.
            for (int d = 100; d < 150; d++) {
                events.publish("Vote", VoteId.of(motion, delegate(d)), vote(d));
            }
            for (int d = 0; d < 20; d++) {
                events.publishAt("Vote", VoteId.of(motion, delegate(d)), 0, vote(d));
            }
            events.flush();

            HandledEvents secondRun = new HandledEvents(ViewStore.PROCESSING_GROUP);
            try (ConfigurableApplicationContext service = start(secondRun)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> secondRun.handledWithPrefix("vote:" + motion) == 70);
                MotionProjection.LiveCounts tally = tally(service);
                assertThat(tally.voted()).isEqualTo(150);
                assertThat(tally.agree() + tally.disagree() + tally.abstain()).isEqualTo(150);
                assertThat(tally.agree()).isEqualTo(50);
            }
            for (int d = 20; d < 100; d++) {
                assertThat(secondRun.timesHandled(VoteId.of(motion, delegate(d)), 0))
                        .as("vote %d was handled before the restart and not published again", d)
                        .isZero();
            }
            assertThat(secondRun.timesHandled(motion, 0))
                    .as("motion created before the restart")
                    .isZero();
        }
    }

    private ConfigurableApplicationContext start(HandledEvents probe) {
        return new SpringApplicationBuilder(QueryServiceApplication.class)
                .initializers(context -> context.getBeanFactory()
                        .registerSingleton("handledEventsModule", (ConfigurerModule) probe.module()))
                .run(
                        "--server.port=0",
                        "--axon.kafka.bootstrap-servers=" + RealServers.kafkaBootstrap(),
                        "--spring.data.mongodb.uri=" + RealServers.mongoUri() + "/" + database);
    }

    private long voted(ConfigurableApplicationContext service) {
        return service.getBean(MotionProjection.class).liveCounts(motion).voted();
    }

    private MotionProjection.LiveCounts tally(ConfigurableApplicationContext service) {
        return service.getBean(MotionProjection.class).liveCounts(motion);
    }

    private VoteCastEvent vote(int d) {
        return new VoteCastEvent(
                VoteId.of(motion, delegate(d)),
                motion,
                "c-" + database,
                delegate(d),
                VoteChoice.values()[d % 3],
                "req-" + d);
    }

    private static String delegate(int d) {
        return String.format("d%03d", d);
    }
}

package org.congressvote.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.congressvote.api.motion.FetchTallyQuery;
import org.congressvote.api.motion.MotionStatus;
import org.congressvote.infra.RealServers;
import org.congressvote.query.motion.MotionProjection;
import org.congressvote.query.recount.Recount;
import org.congressvote.query.recount.RecountReport;
import org.congressvote.query.support.CommandSideEvents;
import org.congressvote.query.support.CongressScenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * How fast the views are rebuilt from the log: grows the topic to each size in {@code congress.bench.recount.sizes}
 * (events, default 10000,50000,100000) with congresses of 245 delegates voting on motions and electing in secret
 * ballots, lets the live views catch up (their own rate is logged too), then runs a recount on a quiet system and
 * prints its rate. Run alone: {@code ./mvnw -pl services/query-service -am verify -Dtest=RecountBenchmarkTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dcongress.bench.recount=true}.
 */
@ExtendWith(RealServers.class)
@EnabledIfSystemProperty(named = "congress.bench.recount", matches = "true")
class RecountBenchmarkTest {

    private static final int DELEGATES = 245;
    private static final int MOTIONS_PER_CONGRESS = 40;

    @Test
    void recountRateAtGrowingSizesOfTheLog() throws Exception {
        List<Long> sizes = Arrays.stream(System.getProperty("congress.bench.recount.sizes", "10000,50000,100000")
                        .split(","))
                .map(String::trim)
                .map(Long::parseLong)
                .toList();
        List<String> lines = new ArrayList<>();
        long published = 0;
        try (CommandSideEvents events = new CommandSideEvents(RealServers.kafkaBootstrap(), RealServers.TOPIC);
                ConfigurableApplicationContext service = new SpringApplicationBuilder(QueryServiceApplication.class)
                        .run(
                                "--server.port=0",
                                "--axon.kafka.bootstrap-servers=" + RealServers.kafkaBootstrap(),
                                "--spring.data.mongodb.uri=" + RealServers.mongoUri() + "/bench-"
                                        + UUID.randomUUID().toString().substring(0, 8),
                                "--congress.recount.live-wait=600s",
                                "--logging.level.org.congressvote=WARN")) {
            for (long size : sizes) {
                String lastMotion = null;
                long start = System.nanoTime();
                long before = published;
                while (published < size) {
                    CongressScenario congress = new CongressScenario(
                            events, "bench-" + UUID.randomUUID().toString().substring(0, 6), DELEGATES, 4);
                    congress.convene();
                    published += 1 + DELEGATES + 4 + DELEGATES - 1 + 3 + 1 + 3 + 2 + DELEGATES - 2 + 2 + 1;
                    for (int m = 0; m < MOTIONS_PER_CONGRESS && published < size; m++) {
                        lastMotion = congress.motion("m" + m);
                        long[] counts = new long[3];
                        for (int d = 1; d < DELEGATES - 2; d++) {
                            counts[congress.vote(lastMotion, d).ordinal()]++;
                        }
                        congress.close(lastMotion, counts[0], counts[1], counts[2]);
                        published += 3 + DELEGATES - 3;
                        if (m % 20 == 19) {
                            String election = congress.electionWithOpenRound("e" + m, DELEGATES - 3);
                            List<String> receipts = new ArrayList<>();
                            for (int b = 0; b < DELEGATES - 3; b++) {
                                receipts.add(String.format("%064x", b));
                            }
                            congress.closeFirstRound(election, DELEGATES - 3, receipts);
                            published += 3 + DELEGATES - 3 + 1;
                        }
                    }
                }
                events.flush();
                String motion = lastMotion;
                MotionProjection motions = service.getBean(MotionProjection.class);
                await().atMost(Duration.ofMinutes(30))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> motion == null
                                || motions.handle(new FetchTallyQuery(motion))
                                        .map(t -> t.status() == MotionStatus.CLOSED)
                                        .orElse(false));
                double liveSeconds = (System.nanoTime() - start) / 1e9;
                RecountReport report = service.getBean(Recount.class).run();
                String line = String.format(
                        Locale.ROOT,
                        "topic %,d events (%,d new): live views took %.1f s from "
                                + "the first publish (%,.0f events/s); recount replayed %,d events in %,d ms and "
                                + "wrote %,d documents in %,d ms: %,d ms = %,d events/s; compared %,d views in %,d ms; %d differences",
                        published,
                        published - before,
                        liveSeconds,
                        (published - before) / liveSeconds,
                        report.eventsReplayed(),
                        report.replayMs(),
                        report.documentsWritten(),
                        report.writeMs(),
                        report.durationMs(),
                        report.eventsPerSecond(),
                        report.viewsCompared(),
                        report.compareMs(),
                        report.differences().size());
                System.out.println("RECOUNT BENCH: " + line);
                lines.add(line);
                assertThat(report.differences()).isEmpty();
            }
        }
        lines.forEach(l -> System.out.println("RECOUNT BENCH SUMMARY: " + l));
    }
}

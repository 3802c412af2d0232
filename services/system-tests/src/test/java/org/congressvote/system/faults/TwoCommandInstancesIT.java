package org.congressvote.system.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.congressvote.infra.RealServers;
import org.congressvote.testsupport.Answer;
import org.congressvote.testsupport.ServiceJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two command-service instances on the same database, each receiving a vote of the same delegate at the same moment:
 * the event store's unique key lets exactly one through. For half the delegates the two requests are different votes
 * (one 201, one 409 ALREADY_VOTED); for the other half they are the same request (same request id) retried on the
 * other instance (two identical 201s).
 */
@ExtendWith(RealServers.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class TwoCommandInstancesIT {

    @Test
    void twoInstancesRacingTheSameDelegatesStoreExactlyOneVoteEach() throws Exception {
        FaultSystem system = FaultSystem.get();
        String motionId = "fault-two-instances";
        system.openMotion(motionId);
        Map<String, VoteBurst.Ack> acked = new ConcurrentHashMap<>();
        List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
        try (ServiceJvm second = FaultSystem.service(
                        "command-service-b", "congress.commandServiceJar", FaultSystem.commandArgs())
                .start()) {
            second.awaitHealthy(Duration.ofSeconds(300));
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                List<Future<?>> pairs = new ArrayList<>();
                for (int i = 0; i < FaultSystem.DELEGATES; i++) {
                    int index = i;
                    pairs.add(pool.submit(() -> race(system, second, motionId, index, acked, problems)));
                }
                for (Future<?> pair : pairs) {
                    pair.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
        }
        system.closeMotion(motionId);
        Ledger.Counters counters = Ledger.check(system, motionId, acked, Duration.ofSeconds(60));
        System.out.printf("[two instances] %d acknowledged; %s%n", acked.size(), counters);
        counters.assertAllZero("two command-service instances racing");
        assertThat(problems).as("pairs of answers other than one vote each").isEmpty();
        assertThat(acked).hasSize(FaultSystem.DELEGATES);
    }

    private static Void race(
            FaultSystem system,
            ServiceJvm second,
            String motionId,
            int index,
            Map<String, VoteBurst.Ack> acked,
            List<String> problems)
            throws Exception {
        String delegate = system.delegates.get(index);
        boolean sameRequest = index % 2 == 0;
        String choiceA = VoteBurst.choiceOf(motionId, index);
        String choiceB = sameRequest
                ? choiceA
                : VoteBurst.CHOICES[(java.util.Arrays.asList(VoteBurst.CHOICES).indexOf(choiceA) + 1) % 3];
        String bodyA = "{\"choice\":\"" + choiceA + "\",\"requestId\":\"a-" + index + "\"}";
        String bodyB = sameRequest ? bodyA : "{\"choice\":\"" + choiceB + "\",\"requestId\":\"b-" + index + "\"}";
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService both = Executors.newFixedThreadPool(2);
        try {
            Future<Answer> a = both.submit(() -> {
                go.await();
                return system.phone(index, system.commands::baseUrl).post("/api/motions/" + motionId + "/votes", bodyA);
            });
            Future<Answer> b = both.submit(() -> {
                go.await();
                return system.phone(index, second::baseUrl).post("/api/motions/" + motionId + "/votes", bodyB);
            });
            go.countDown();
            Answer answerA = a.get(60, TimeUnit.SECONDS);
            Answer answerB = b.get(60, TimeUnit.SECONDS);
            if (sameRequest) {
                if (answerA.statusCode() != 201
                        || answerB.statusCode() != 201
                        || !answerA.json().equals(answerB.json())) {
                    problems.add(delegate + " same request on both: " + answerA + " / " + answerB);
                } else {
                    acked.put(delegate, new VoteBurst.Ack(delegate, choiceA, "a-" + index, answerA.body(), 0));
                }
            } else {
                boolean aWon = answerA.statusCode() == 201
                        && answerB.statusCode() == 409
                        && answerB.body().contains("ALREADY_VOTED");
                boolean bWon = answerB.statusCode() == 201
                        && answerA.statusCode() == 409
                        && answerA.body().contains("ALREADY_VOTED");
                if (aWon == bWon) {
                    problems.add(delegate + " two votes on two instances: " + answerA + " / " + answerB);
                }
                if (answerA.statusCode() == 201) {
                    acked.put(delegate, new VoteBurst.Ack(delegate, choiceA, "a-" + index, answerA.body(), 0));
                }
                if (answerB.statusCode() == 201) {
                    acked.merge(
                            delegate, new VoteBurst.Ack(delegate, choiceB, "b-" + index, answerB.body(), 0), (x, y) -> {
                                problems.add(delegate + ": both instances answered 201 to different votes");
                                return x;
                            });
                }
            }
        } finally {
            both.shutdownNow();
        }
        return null;
    }
}

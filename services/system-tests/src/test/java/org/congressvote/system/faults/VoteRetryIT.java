package org.congressvote.system.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.congressvote.infra.RealServers;
import org.congressvote.testsupport.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A phone that lost its answer sends the same vote request again (same request id), possibly while the first is still
 * being decided: one vote is stored, and every copy gets the same 201 answer. A second vote with another request id is
 * refused with 409 ALREADY_VOTED.
 */
@ExtendWith(RealServers.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class VoteRetryIT {

    private static final int COPIES = 3;

    @Test
    void theSameRequestSentAgainIsOneVoteWithTheSameAnswer() throws Exception {
        FaultSystem system = FaultSystem.get();
        String motionId = "fault-retry";
        system.openMotion(motionId);
        ExecutorService pool = Executors.newFixedThreadPool(24);
        Map<String, VoteBurst.Ack> acked = new ConcurrentHashMap<>();
        List<String> problems = new ArrayList<>();
        try {
            // every request three times at once, then once more after the answers
            List<Future<List<Answer>>> rounds = new ArrayList<>();
            for (int i = 0; i < FaultSystem.DELEGATES; i++) {
                int index = i;
                String body =
                        "{\"choice\":\"" + VoteBurst.choiceOf(motionId, i) + "\",\"requestId\":\"same-" + i + "\"}";
                List<Future<Answer>> copies = new ArrayList<>();
                for (int c = 0; c < COPIES; c++) {
                    copies.add(pool.submit(() -> system.phone(index, system.commands::baseUrl)
                            .post("/api/motions/" + motionId + "/votes", body)));
                }
                rounds.add(pool.submit(() -> {
                    List<Answer> answers = new ArrayList<>();
                    for (Future<Answer> copy : copies) {
                        answers.add(copy.get());
                    }
                    answers.add(system.phone(index, system.commands::baseUrl)
                            .post("/api/motions/" + motionId + "/votes", body));
                    return answers;
                }));
            }
            for (int i = 0; i < rounds.size(); i++) {
                String delegate = system.delegates.get(i);
                List<Answer> answers = rounds.get(i).get(120, TimeUnit.SECONDS);
                Map<Integer, Long> statuses = new HashMap<>();
                answers.forEach(a -> statuses.merge(a.statusCode(), 1L, Long::sum));
                if (!statuses.equals(Map.of(201, (long) COPIES + 1))) {
                    problems.add(delegate + ": statuses " + statuses + " " + answers);
                } else if (answers.stream().map(a -> a.json()).distinct().count() != 1) {
                    problems.add(delegate + ": different answers to the same request " + answers);
                } else {
                    acked.put(
                            delegate,
                            new VoteBurst.Ack(
                                    delegate,
                                    VoteBurst.choiceOf(motionId, i),
                                    "same-" + i,
                                    answers.get(0).body(),
                                    System.nanoTime()));
                }
            }
            // another request of the same delegate is a second vote: refused
            for (int i = 0; i < FaultSystem.DELEGATES; i += 10) {
                Answer again = system.phone(i, system.commands::baseUrl)
                        .post(
                                "/api/motions/" + motionId + "/votes",
                                "{\"choice\":\"ABSTAIN\",\"requestId\":\"other-" + i + "\"}");
                if (again.statusCode() != 409 || !again.body().contains("ALREADY_VOTED")) {
                    problems.add(
                            system.delegates.get(i) + ": a second vote got " + again.statusCode() + " " + again.body());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        system.closeMotion(motionId);
        Ledger.Counters counters = Ledger.check(system, motionId, acked, Duration.ofSeconds(60));
        System.out.printf("[same request again] %d acknowledged; %s%n", acked.size(), counters);
        counters.assertAllZero("same request sent again");
        assertThat(problems)
                .as("answers that differ from the first answer to the same request")
                .isEmpty();
        assertThat(Ledger.storedVotes(motionId)).as("stored votes").hasSize(FaultSystem.DELEGATES);
    }
}

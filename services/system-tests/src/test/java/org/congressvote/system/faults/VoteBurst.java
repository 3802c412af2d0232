package org.congressvote.system.faults;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.congressvote.testsupport.Answer;
import org.congressvote.testsupport.CongressApi;

/**
 * Many delegates' phones voting on one motion at a paced rate, as a hall does after the chair opens the vote. Each
 * phone sends its vote with a request id of its own and, on a connection error or a 5xx answer, sends the very same
 * request again (same request id) until it gets an answer or the burst's deadline passes. Every 201 is kept: those
 * are the votes the system promised to count.
 */
final class VoteBurst {

    static final String[] CHOICES = {"AGREE", "DISAGREE", "ABSTAIN"};

    /** A vote the system acknowledged with 201, and the answer it gave. */
    record Ack(String delegateId, String choice, String requestId, String body, long atNanos) {}

    private final Hall system;
    private final String motionId;
    private final Supplier<String> target;
    private final int threads;
    private final double votesPerSecond;
    private final Duration deadline;

    final Map<String, Ack> acked = new ConcurrentHashMap<>();
    /** Answers that no retry should get: a 409 to a phone's own retry, a 4xx other than that, or a wrong body. */
    final Queue<String> anomalies = new ConcurrentLinkedQueue<>();
    /** Success answers other than 201, without the vote's receipt: the phone cannot tell whether its vote counts. */
    final Queue<String> unconfirmedSuccesses = new ConcurrentLinkedQueue<>();

    final AtomicInteger connectionErrors = new AtomicInteger();
    final AtomicInteger serverErrors = new AtomicInteger();
    final AtomicInteger retries = new AtomicInteger();
    final Queue<String> gaveUp = new ConcurrentLinkedQueue<>();

    private ExecutorService pool;
    private long startNanos;

    VoteBurst(
            Hall system,
            String motionId,
            Supplier<String> target,
            int threads,
            double votesPerSecond,
            Duration deadline) {
        this.system = system;
        this.motionId = motionId;
        this.target = target;
        this.threads = threads;
        this.votesPerSecond = votesPerSecond;
        this.deadline = deadline;
    }

    /** The choice of delegate {@code index} on this motion: varied, so that a count per choice means something. */
    static String choiceOf(String motionId, int index) {
        int r = Math.floorMod(index * 7 + motionId.hashCode(), 10);
        return r < 5 ? CHOICES[0] : r < 8 ? CHOICES[1] : CHOICES[2];
    }

    /** Starts every delegate's vote, the i-th not before start + i / rate. */
    VoteBurst start() {
        pool = Executors.newFixedThreadPool(threads);
        startNanos = System.nanoTime();
        long endNanos = startNanos + deadline.toNanos();
        List<String> delegates = system.delegates;
        AtomicInteger next = new AtomicInteger();
        for (int t = 0; t < threads; t++) {
            pool.execute(() -> {
                for (int i; (i = next.getAndIncrement()) < delegates.size(); ) {
                    long due = startNanos + (long) (i * 1e9 / votesPerSecond);
                    sleepUntil(due);
                    vote(i, delegates.get(i), endNanos);
                }
            });
        }
        pool.shutdown();
        return this;
    }

    private void vote(int index, String delegateId, long endNanos) {
        CongressApi phone = system.phone(index, target);
        String choice = choiceOf(motionId, index);
        String requestId = "r-" + UUID.randomUUID();
        String body = "{\"choice\":\"" + choice + "\",\"requestId\":\"" + requestId + "\"}";
        while (System.nanoTime() < endNanos) {
            try {
                Answer answer = phone.post("/api/motions/" + motionId + "/votes", body);
                if (answer.statusCode() == 201) {
                    var json = answer.json();
                    if (!choice.equals(json.path("choice").asText())
                            || !requestId.equals(json.path("requestId").asText())
                            || !delegateId.equals(json.path("delegateId").asText())) {
                        anomalies.add(delegateId + ": 201 with another vote's body " + answer.body());
                    }
                    acked.put(delegateId, new Ack(delegateId, choice, requestId, answer.body(), System.nanoTime()));
                    return;
                }
                if (answer.statusCode() >= 500) {
                    serverErrors.incrementAndGet();
                } else if (answer.statusCode() / 100 == 2) {
                    unconfirmedSuccesses.add(delegateId + ": " + answer.statusCode() + " '" + answer.body() + "'");
                } else {
                    anomalies.add(delegateId + ": " + answer.statusCode() + " " + answer.body());
                    if (answer.statusCode() != 401) {
                        return; // a refusal is final
                    }
                    // a 401 may be the session store being away: the phone asks again, the answer stays an anomaly
                }
                // a 5xx, a 401 or a success without the receipt: unconfirmed; ask again with the same request id
            } catch (IOException e) {
                connectionErrors.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            retries.incrementAndGet();
            sleepUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(150 + (index % 10) * 10));
        }
        gaveUp.add(delegateId);
    }

    /** Waits until at least {@code n} votes were acknowledged (the moment to inject a fault). */
    VoteBurst awaitAcks(int n, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (acked.size() < n && System.nanoTime() < end && !pool.isTerminated()) {
            Thread.sleep(5);
        }
        if (acked.size() < n) {
            throw new AssertionError("only " + acked.size() + " of " + n + " votes acknowledged before the fault; "
                    + "anomalies " + anomalies);
        }
        return this;
    }

    /** Waits until every phone has its answer or gave up. */
    VoteBurst awaitEnd() throws InterruptedException {
        if (!pool.awaitTermination(deadline.toSeconds() + 30, TimeUnit.SECONDS)) {
            pool.shutdownNow();
            throw new AssertionError("burst on " + motionId + " did not end");
        }
        return this;
    }

    long elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    String summary() {
        return String.format(
                "%s: %d acknowledged, %d connection errors, %d 5xx, %d retries, %d gave up, "
                        + "%d anomalies, %d successes without a receipt %s, %d ms",
                motionId,
                acked.size(),
                connectionErrors.get(),
                serverErrors.get(),
                retries.get(),
                gaveUp.size(),
                anomalies.size(),
                unconfirmedSuccesses.size(),
                unconfirmedSuccesses,
                elapsedMillis());
    }

    private static void sleepUntil(long nanos) {
        long wait;
        while ((wait = nanos - System.nanoTime()) > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}

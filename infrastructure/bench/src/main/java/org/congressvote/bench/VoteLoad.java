package org.congressvote.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Votes of many delegates on one motion, either open-loop (the i-th vote is due at start + i / rate whatever the
 * answers before it, and its latency counts from that due time, so a slow answer cannot hide the ones queued behind it)
 * or closed-loop (a fixed number of phones, each sending its next vote when the previous one is answered, for the
 * sustained rate). Every 201 keeps its arrival time, for the vote-to-projection latency.
 */
final class VoteLoad {

    static final String[] CHOICES = {"AGREE", "DISAGREE", "ABSTAIN"};

    /**
     * The closed loop's client (the open loops send on their own connections: {@link PhoneConnections}), not the
     * shared test client, so the set-up's traffic does not share its pool. HTTP/1.1 as the phones' browsers speak it.
     */
    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    final String motionId;
    /** The motions voted on: vote i goes to motion i mod k, by delegate i / k (several motions at once). */
    final String[] motionIds;

    final int votes;
    /** nanoTime of each vote's 201 (0 when not accepted), by vote index. */
    final long[] acceptedAt;

    final Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    final AtomicInteger accepted = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    /** Answers 503 (every attempt, retries included): the service shed the vote, nothing was changed. */
    final AtomicInteger shed = new AtomicInteger();
    /** Requests that got no HTTP answer at all (the connection failed): a phone cannot tell what happened. */
    final AtomicInteger connectionFailures = new AtomicInteger();
    /** Votes accepted on a retry after a 503 (same requestId), and their time from first due to 201. */
    final AtomicInteger acceptedOnRetry = new AtomicInteger();

    final Histogram retriedLatency = new Histogram(TimeUnit.SECONDS.toNanos(600), 3);
    /** Every HTTP answer's time from its sending (201, 409 or 503 alike): how long a phone waits for any answer. */
    final Histogram answerTime = new Histogram(TimeUnit.SECONDS.toNanos(600), 3);

    private final AtomicInteger retriesPending = new AtomicInteger();
    private ScheduledExecutorService phonesRetrying;
    final List<String> firstErrors = new ArrayList<>();
    long startNanos;
    long endNanos;
    /** Closed-loop only: a histogram per slice of {@code sliceSize} votes, in sending order. */
    List<Histogram> slices = List.of();

    long[] sliceEndNanos = new long[0];
    final AtomicLong lastAcceptedAt = new AtomicLong();

    private final String commandUrl;
    private final Api.Congress congress;
    private final int firstDelegate;
    private final Recorder recorder = new Recorder(TimeUnit.SECONDS.toNanos(60), 3);
    /** The open loop's connections (its own for each load, closed by {@link #closePhones}). */
    private PhoneConnections phones;

    VoteLoad(String commandUrl, Api.Congress congress, String motionId, int firstDelegate, int votes) {
        this(commandUrl, congress, new String[] {motionId}, firstDelegate, votes);
    }

    VoteLoad(String commandUrl, Api.Congress congress, String[] motionIds, int firstDelegate, int votes) {
        if (votes > (long) motionIds.length * (congress.tokens().length - firstDelegate)) {
            throw new IllegalArgumentException(votes + " votes need more motions or delegates");
        }
        this.commandUrl = commandUrl;
        this.congress = congress;
        this.motionIds = motionIds;
        this.motionId = String.join(",", motionIds);
        this.firstDelegate = firstDelegate;
        this.votes = votes;
        this.acceptedAt = new long[votes];
    }

    static String choiceOf(int index) {
        int r = Math.floorMod(index * 7, 10);
        return r < 6 ? CHOICES[0] : r < 9 ? CHOICES[1] : CHOICES[2];
    }

    private HttpRequest request(int i) {
        int d = firstDelegate + i / motionIds.length;
        String motion = motionIds[i % motionIds.length];
        return voteRequest(commandUrl, motion, congress.tokens()[d], choiceOf(d), motion + "-" + d);
    }

    /** Vote {@code i} sent by its phone on the open loop's connections. */
    private CompletableFuture<PhoneConnections.Answer> post(int i) {
        int d = firstDelegate + i / motionIds.length;
        String motion = motionIds[i % motionIds.length];
        return phones.post(
                "/api/motions/" + motion + "/votes",
                congress.tokens()[d],
                "{\"choice\":\"" + choiceOf(d) + "\",\"requestId\":\"" + motion + "-" + d + "\"}");
    }

    static HttpRequest voteRequest(String commandUrl, String motionId, String token, String choice, String requestId) {
        return HttpRequest.newBuilder(URI.create(commandUrl + "/api/motions/" + motionId + "/votes"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"choice\":\"" + choice + "\",\"requestId\":\"" + requestId + "\"}"))
                .build();
    }

    /**
     * Phones that resend a vote answered 503 after its Retry-After, with the same requestId (as the voting page does),
     * until it is accepted or refused; {@link #awaitRetries} waits for them.
     */
    VoteLoad retryingShedVotes() {
        phonesRetrying = Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, "bench-retrying-phones");
            t.setDaemon(true);
            return t;
        });
        return this;
    }

    private void retry(int index, long due, long afterSeconds) {
        retriesPending.incrementAndGet();
        phonesRetrying.schedule(
                () -> {
                    long sent = System.nanoTime();
                    post(index).whenComplete((response, error) -> {
                        long now = System.nanoTime();
                        int status = response == null ? -1 : response.status();
                        if (response != null) {
                            synchronized (answerTime) {
                                answerTime.recordValue(Math.min(now - sent, answerTime.getHighestTrackableValue()));
                            }
                        }
                        if (status == 201) {
                            acceptedAt[index] = now;
                            accepted.incrementAndGet();
                            acceptedOnRetry.incrementAndGet();
                            lastAcceptedAt.accumulateAndGet(now, Math::max);
                            synchronized (retriedLatency) {
                                retriedLatency.recordValue(
                                        Math.min(now - due, retriedLatency.getHighestTrackableValue()));
                            }
                        } else if (status == 503 || status == -1) {
                            if (status == 503) {
                                shed.incrementAndGet();
                            } else {
                                connectionFailures.incrementAndGet();
                            }
                            retry(index, due, status == 503 ? retryAfter(response) : 1);
                        } else if (status == 409) {
                            refused.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                        retriesPending.decrementAndGet();
                    });
                },
                afterSeconds,
                TimeUnit.SECONDS);
    }

    private static long retryAfter(PhoneConnections.Answer response) {
        return response.retryAfterSeconds() < 0 ? 2 : response.retryAfterSeconds();
    }

    /** Waits until every shed vote was sent again and answered other than 503; false when the bound passed first. */
    boolean awaitRetries(long boundSeconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(boundSeconds);
        while (retriesPending.get() > 0 && System.nanoTime() < end) {
            Thread.sleep(100);
        }
        boolean done = retriesPending.get() == 0;
        closePhones();
        return done;
    }

    /** Open loop at a fixed arrival rate; at most {@code maxInFlight} outstanding (waits count in the latency). */
    VoteLoad openLoop(double perSecond, int maxInFlight, long drainSeconds) throws InterruptedException {
        Semaphore inFlight = new Semaphore(maxInFlight);
        phones = new PhoneConnections(commandUrl, 1);
        startNanos = System.nanoTime();
        for (int i = 0; i < votes; i++) {
            long due = startNanos + (long) (i * 1e9 / perSecond);
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            inFlight.acquire();
            int index = i;
            long sent = System.nanoTime();
            post(i).whenComplete((response, error) -> {
                long now = System.nanoTime();
                if (response != null) {
                    synchronized (answerTime) {
                        answerTime.recordValue(Math.min(now - sent, answerTime.getHighestTrackableValue()));
                    }
                    if (response.status() == 503 && phonesRetrying != null) {
                        retry(index, due, retryAfter(response));
                    }
                }
                record(
                        index,
                        response == null ? -1 : response.status(),
                        error == null ? response.body() : error.toString(),
                        now,
                        now - due);
                inFlight.release();
            });
        }
        if (!inFlight.tryAcquire(maxInFlight, drainSeconds, TimeUnit.SECONDS)) {
            synchronized (firstErrors) {
                firstErrors.add(
                        (maxInFlight - inFlight.availablePermits()) + " votes still unanswered after the drain");
            }
        }
        endNanos = System.nanoTime();
        latency.add(recorder.getIntervalHistogram());
        if (phonesRetrying == null) {
            closePhones();
        }
        return this;
    }

    /** Closes the open loop's connections (after the retries, if the phones retry). */
    void closePhones() {
        if (phones != null) {
            phones.close();
        }
    }

    /** Connections the open loop's phones opened. */
    int connectionsOpened() {
        return phones == null ? 0 : phones.opened.get();
    }

    /** Closed loop: {@code phones} senders, each waiting for its answer; latency per slice of {@code sliceSize}. */
    VoteLoad closedLoop(int phones, int sliceSize, long boundSeconds) throws InterruptedException {
        int sliceCount = (votes + sliceSize - 1) / sliceSize;
        List<Histogram> perSlice = new ArrayList<>();
        for (int s = 0; s < sliceCount; s++) {
            perSlice.add(new Histogram(TimeUnit.SECONDS.toNanos(60), 3));
        }
        slices = perSlice;
        sliceEndNanos = new long[sliceCount];
        AtomicInteger next = new AtomicInteger();
        long bound = System.nanoTime() + TimeUnit.SECONDS.toNanos(boundSeconds);
        List<Thread> threads = new ArrayList<>();
        startNanos = System.nanoTime();
        for (int t = 0; t < phones; t++) {
            Thread thread = new Thread(
                    () -> {
                        for (int i; (i = next.getAndIncrement()) < votes && System.nanoTime() < bound; ) {
                            long sent = System.nanoTime();
                            int status;
                            String body;
                            try {
                                HttpResponse<String> response =
                                        HTTP.send(request(i), HttpResponse.BodyHandlers.ofString());
                                status = response.statusCode();
                                body = response.body();
                            } catch (Exception e) {
                                status = -1;
                                body = e.toString();
                            }
                            long now = System.nanoTime();
                            record(i, status, body, now, now - sent);
                            if (status == 201) {
                                Histogram h = slices.get(i / sliceSize);
                                synchronized (h) {
                                    h.recordValue(Math.min(now - sent, h.getHighestTrackableValue()));
                                }
                                synchronized (sliceEndNanos) {
                                    sliceEndNanos[i / sliceSize] = Math.max(sliceEndNanos[i / sliceSize], now);
                                }
                            }
                        }
                    },
                    "bench-phone-" + t);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        endNanos = System.nanoTime();
        latency.add(recorder.getIntervalHistogram());
        return this;
    }

    private void record(int index, int status, String body, long now, long latencyNanos) {
        if (status == 201) {
            acceptedAt[index] = now;
            accepted.incrementAndGet();
            lastAcceptedAt.accumulateAndGet(now, Math::max);
            recorder.recordValue(Math.min(latencyNanos, TimeUnit.SECONDS.toNanos(60)));
        } else if (status == 409) {
            refused.incrementAndGet();
        } else if (status == 503 && phonesRetrying != null) {
            shed.incrementAndGet();
        } else {
            if (status == -1) {
                connectionFailures.incrementAndGet();
            }
            failed.incrementAndGet();
            synchronized (firstErrors) {
                if (firstErrors.size() < 5) {
                    firstErrors.add(status + " " + (body.length() > 200 ? body.substring(0, 200) : body));
                }
            }
        }
    }

    double seconds() {
        return (endNanos - startNanos) / 1e9;
    }

    double acceptedPerSecond() {
        return accepted.get() / seconds();
    }

    /**
     * Vote-to-projection latency from the dashboard's live stream: the k-th accepted vote (in order of acceptance)
     * counts as shown when a tally first shows k votes or more. The stream pushes at most every 50 ms (coalesced),
     * which
     * is part of what a viewer sees.
     */
    Histogram projectionLatency(LiveTally live) {
        Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(600), 3);
        for (int m = 0; m < motionIds.length; m++) {
            int k = motionIds.length;
            int motion = m;
            long[] accepts = java.util.stream.IntStream.range(0, votes)
                    .filter(i -> i % k == motion)
                    .mapToLong(i -> acceptedAt[i])
                    .filter(t -> t > 0)
                    .sorted()
                    .toArray();
            add(h, accepts, live.seen(motionIds[m]));
        }
        return h;
    }

    private static void add(Histogram h, long[] accepts, List<LiveTally.Seen> seen) {
        int s = 0;
        for (int k = 1; k <= accepts.length; k++) {
            while (s < seen.size() && seen.get(s).voted() < k) {
                s++;
            }
            if (s == seen.size()) {
                break;
            }
            h.recordValue(Math.min(Math.max(0, seen.get(s).atNanos() - accepts[k - 1]), h.getHighestTrackableValue()));
        }
    }

    /** Accepted votes of motion number {@code m}. */
    long acceptedOn(int m) {
        int k = motionIds.length;
        return java.util.stream.IntStream.range(0, votes)
                .filter(i -> i % k == m && acceptedAt[i] > 0)
                .count();
    }
}

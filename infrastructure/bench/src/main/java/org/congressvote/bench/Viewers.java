package org.congressvote.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.congressvote.testsupport.SseParser;

/**
 * Many viewers holding one congress's live stream, read without a thread each: the JDK's HTTP client (one selector
 * thread) hands each stream's lines to the shared event-stream parser, and a small subscriber keeps, per viewer, when
 * it first saw a tally of the watched motion with at least {@code target} votes. Tallies are scanned for
 * {@code "voted":N}, not parsed as JSON, so the driver stays cheaper than the server it measures; for the same reason
 * the viewers have a client of their own (thousands of connections, a long connect timeout), not the shared one.
 */
final class Viewers implements AutoCloseable {

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30))
            .build();
    private final String motionId;
    private final long target;
    /** nanoTime each viewer first saw a tally of the motion (the snapshot), 0 not yet. */
    final long[] snapshotAt;
    /** nanoTime each viewer first saw the motion's tally at {@code target} votes or more, 0 not yet. */
    final long[] fullAt;

    final AtomicInteger open = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final AtomicInteger ended = new AtomicInteger();
    volatile String firstError;
    private final Flow.Subscription[] subscriptions;

    Viewers(String url, int count, String motionId, long target, double perSecond) {
        this.motionId = motionId;
        this.target = target;
        this.snapshotAt = new long[count];
        this.fullAt = new long[count];
        this.subscriptions = new Flow.Subscription[count];
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "text/event-stream")
                .GET()
                .build();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = start + (long) (i * 1e9 / perSecond);
            for (long wait; (wait = due - System.nanoTime()) > 0; ) {
                LockSupport.parkNanos(wait);
            }
            int viewer = i;
            http.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(new Lines(viewer)))
                    .whenComplete((response, error) -> {
                        if (error != null) {
                            failed.incrementAndGet();
                            if (firstError == null) {
                                firstError = error.toString();
                            }
                        } else if (response.statusCode() == 503) {
                            refused.incrementAndGet();
                        } else if (response.statusCode() != 200) {
                            failed.incrementAndGet();
                            if (firstError == null) {
                                firstError = "HTTP " + response.statusCode();
                            }
                        } else {
                            ended.incrementAndGet(); // a 200 stream completes only when the server ends it
                        }
                    });
        }
    }

    /** Waits until every viewer not refused or failed has seen the motion's tally; returns how many have. */
    int awaitSnapshots(Duration bound) {
        return await(snapshotAt, bound);
    }

    /** Waits until every viewer that saw the snapshot has seen the full tally; returns how many have. */
    int awaitFull(Duration bound) {
        return await(fullAt, bound);
    }

    private int await(long[] at, Duration bound) {
        long end = System.nanoTime() + bound.toNanos();
        int seen;
        while ((seen = count(at)) < snapshotAt.length - refused.get() - failed.get() && System.nanoTime() < end) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        return seen;
    }

    private static int count(long[] at) {
        int n = 0;
        for (long t : at) {
            if (t != 0) {
                n++;
            }
        }
        return n;
    }

    /** Each viewer's time from {@code fromNanos} (the last 201) to seeing the full tally. */
    Histogram fullAfter(long fromNanos) {
        Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(600), 3);
        for (long t : fullAt) {
            if (t != 0) {
                h.recordValue(Math.min(Math.max(0, t - fromNanos), h.getHighestTrackableValue()));
            }
        }
        return h;
    }

    @Override
    public void close() {
        for (Flow.Subscription s : subscriptions) {
            if (s != null) {
                s.cancel();
            }
        }
    }

    /** One viewer's stream, line by line through the shared event-stream parser. */
    private final class Lines implements Flow.Subscriber<String> {

        private final int viewer;
        private final SseParser parser = new SseParser(this::on);

        Lines(int viewer) {
            this.viewer = viewer;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscriptions[viewer] = subscription;
            open.incrementAndGet();
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            parser.line(line);
        }

        private void on(SseParser.Event event) {
            String data = event.data();
            if (!event.name().equals("tally") || !data.contains(motionId)) {
                return;
            }
            long now = event.receivedNanos();
            if (snapshotAt[viewer] == 0) {
                snapshotAt[viewer] = now;
            }
            int at = data.indexOf("\"voted\":");
            if (at >= 0 && fullAt[viewer] == 0) {
                int from = at + 8;
                int to = from;
                while (to < data.length() && Character.isDigit(data.charAt(to))) {
                    to++;
                }
                if (to > from && Long.parseLong(data, from, to, 10) >= target) {
                    fullAt[viewer] = now;
                }
            }
        }

        @Override
        public void onError(Throwable throwable) {
            open.decrementAndGet();
        }

        @Override
        public void onComplete() {
            open.decrementAndGet();
        }
    }
}

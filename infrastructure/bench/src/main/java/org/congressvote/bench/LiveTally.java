package org.congressvote.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.congressvote.testsupport.CongressApi;
import org.congressvote.testsupport.LiveStream;
import org.congressvote.testsupport.SseParser;

/**
 * The dashboard's view: the live stream (server-sent events) of a congress, read by the shared client and reconnected
 * as a browser's EventSource does, keeping for every motion when each {@code tally} event arrived and how many votes
 * it showed.
 */
final class LiveTally implements AutoCloseable {

    /** A tally as the dashboard saw it: arrival (System.nanoTime) and the number of votes counted. */
    record Seen(long atNanos, long voted) {}

    private final Map<String, List<Seen>> seen = new ConcurrentHashMap<>();
    private final LiveStream stream;

    LiveTally(String url) {
        stream = LiveStream.reconnecting(url, this::on);
    }

    private void on(SseParser.Event event) {
        if (!event.name().equals("tally")) {
            return;
        }
        try {
            JsonNode tally = CongressApi.JSON.readTree(event.data());
            List<Seen> list = seen.computeIfAbsent(tally.path("motionId").asText(), k -> new ArrayList<>());
            synchronized (list) {
                list.add(new Seen(event.receivedNanos(), tally.path("voted").asLong()));
            }
        } catch (IOException notJson) {
            // not a tally the dashboard could show either
        }
    }

    List<Seen> seen(String motionId) {
        List<Seen> list = seen.getOrDefault(motionId, List.of());
        synchronized (list) {
            return List.copyOf(list);
        }
    }

    /** When the dashboard first showed at least {@code voted} votes on the motion (nanoTime), or -1 on timeout. */
    long awaitVoted(String motionId, long voted, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            for (Seen s : seen(motionId)) {
                if (s.voted() >= voted) {
                    return s.atNanos();
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
        return -1;
    }

    @Override
    public void close() throws Exception {
        stream.close();
    }
}

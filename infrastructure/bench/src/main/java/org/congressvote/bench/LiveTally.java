package org.congressvote.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's view: the live stream (server-sent events) of a congress, keeping for every motion when each
 * {@code tally} event arrived and how many votes it showed.
 */
final class LiveTally implements AutoCloseable {

    /** A tally as the dashboard saw it: arrival (System.nanoTime) and the number of votes counted. */
    record Seen(long atNanos, long voted) {}

    private final Map<String, List<Seen>> seen = new ConcurrentHashMap<>();
    private final Thread reader;
    private volatile InputStream body;
    private volatile boolean closed;

    LiveTally(String url) {
        reader = new Thread(() -> read(url), "bench-sse");
        reader.setDaemon(true);
        reader.start();
    }

    private void read(String url) {
        while (!closed) {
            try {
                HttpResponse<InputStream> response = Api.HTTP.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Accept", "text/event-stream")
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                body = response.body();
                BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
                String name = "message";
                StringBuilder data = new StringBuilder();
                for (String line; (line = lines.readLine()) != null; ) {
                    if (line.startsWith("event:")) {
                        name = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).strip());
                    } else if (line.isEmpty() && data.length() > 0) {
                        if (name.equals("tally")) {
                            long now = System.nanoTime();
                            JsonNode tally = Api.JSON.readTree(data.toString());
                            List<Seen> list =
                                    seen.computeIfAbsent(tally.path("motionId").asText(), k -> new ArrayList<>());
                            synchronized (list) {
                                list.add(new Seen(now, tally.path("voted").asLong()));
                            }
                        }
                        name = "message";
                        data.setLength(0);
                    }
                }
            } catch (Exception e) {
                if (!closed) {
                    sleep(500); // reconnect, as a browser's EventSource does
                }
            }
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
            sleep(20);
        }
        return -1;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws Exception {
        closed = true;
        if (body != null) {
            body.close();
        }
        reader.interrupt();
    }
}

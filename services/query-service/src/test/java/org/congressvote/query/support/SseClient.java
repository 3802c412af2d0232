package org.congressvote.query.support;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Reads a server-sent event stream in the background and keeps every event with the time it arrived. */
public final class SseClient implements AutoCloseable {

    public record Event(String name, String data, long receivedNanos) {}

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile HttpResponse<java.io.InputStream> response;
    private volatile int status = -1;

    private SseClient(URI uri) {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Accept", "text/event-stream")
                .GET()
                .build();
        reader = new Thread(() -> read(http, request), "sse-client");
        reader.setDaemon(true);
        reader.start();
    }

    public static SseClient open(String url) {
        return new SseClient(URI.create(url));
    }

    private void read(HttpClient http, HttpRequest request) {
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            status = response.statusCode();
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String name = "message";
                StringBuilder data = new StringBuilder();
                for (String line; (line = lines.readLine()) != null; ) {
                    if (line.isEmpty()) {
                        if (!data.isEmpty()) {
                            events.add(new Event(name, data.toString(), System.nanoTime()));
                        }
                        name = "message";
                        data.setLength(0);
                    } else if (line.startsWith(":")) {
                        comments.add(line.substring(1).trim());
                    } else if (line.startsWith("event:")) {
                        name = line.substring(6).trim();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).trim());
                    }
                }
            }
        } catch (Exception e) {
            // closed by the test, or the server went away
        }
    }

    public int status() {
        return status;
    }

    public List<Event> events() {
        return List.copyOf(events);
    }

    public List<String> data(String name) {
        return events.stream()
                .filter(e -> e.name().equals(name))
                .map(Event::data)
                .toList();
    }

    public List<String> comments() {
        return List.copyOf(comments);
    }

    @Override
    public void close() throws Exception {
        HttpResponse<java.io.InputStream> r = response;
        if (r != null) {
            r.body().close();
        }
        reader.interrupt();
        reader.join(Duration.ofSeconds(2).toMillis());
    }
}

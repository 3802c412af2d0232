package org.congressvote.testsupport;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A server-sent event stream (a congress's live view) read by a thread of its own, as the projector's browser reads
 * it: every event kept with the time it arrived, and handed to a listener as it arrives. With {@link #reconnecting}
 * it connects again half a second after the stream ends or fails, as a browser's EventSource does.
 */
public final class LiveStream implements AutoCloseable {

    private final List<SseParser.Event> events = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final Consumer<SseParser.Event> listener;
    private final boolean reconnect;
    private final Thread reader;
    private volatile InputStream body;
    private volatile int status = -1;
    private volatile boolean closed;

    private LiveStream(String url, boolean reconnect, Consumer<SseParser.Event> listener) {
        this.reconnect = reconnect;
        this.listener = listener;
        reader = new Thread(() -> read(URI.create(url)), "live-stream");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens the stream once; it ends when the server ends it or the caller closes it. */
    /**
     * As a browser's EventSource: a stream asked for on a query-service's web port is redirected (307) to its live
     * port when that is on (run-local.sh), and followed.
     */
    private static final java.net.http.HttpClient FOLLOWING = java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1)
            .followRedirects(java.net.http.HttpClient.Redirect.NORMAL)
            .connectTimeout(java.time.Duration.ofSeconds(5))
            .build();

    public static LiveStream open(String url) {
        return new LiveStream(url, false, event -> {});
    }

    /** Opens the stream, hands every event to {@code listener} on the reading thread, reconnects after an end. */
    public static LiveStream reconnecting(String url, Consumer<SseParser.Event> listener) {
        return new LiveStream(url, true, listener);
    }

    private void read(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Accept", "text/event-stream")
                .GET()
                .build();
        do {
            try {
                HttpResponse<InputStream> response = FOLLOWING.send(request, HttpResponse.BodyHandlers.ofInputStream());
                status = response.statusCode();
                body = response.body();
                SseParser parser = new SseParser(
                        event -> {
                            events.add(event);
                            listener.accept(event);
                        },
                        comments::add);
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                    for (String line; (line = lines.readLine()) != null; ) {
                        parser.line(line);
                    }
                }
            } catch (Exception e) {
                // closed by the caller, or the server went away
            }
            if (reconnect && !closed) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        } while (reconnect && !closed);
    }

    /** The HTTP status of the (last) connection, -1 before it answered. */
    public int status() {
        return status;
    }

    public List<SseParser.Event> events() {
        return List.copyOf(events);
    }

    /** The data of every event named {@code name}, in order of arrival. */
    public List<String> data(String name) {
        return events.stream()
                .filter(e -> e.name().equals(name))
                .map(SseParser.Event::data)
                .toList();
    }

    public List<String> comments() {
        return List.copyOf(comments);
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        InputStream b = body;
        if (b != null) {
            try {
                b.close();
            } catch (java.io.IOException ignored) {
                // already closed
            }
        }
        reader.interrupt();
        reader.join(Duration.ofSeconds(2).toMillis());
    }
}

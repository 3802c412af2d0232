package org.congressvote.testsupport;

import java.util.function.Consumer;

/**
 * The server-sent events format (the HTML standard's "event stream interpretation"), fed line by line: a blank line
 * ends an event, {@code event:} names it (else {@code message}), {@code data:} lines are joined with a newline, a
 * line starting with {@code :} is a comment. Push-fed, so that one parser serves a thread reading a stream and a
 * subscriber handed lines by the HTTP client's own thread (thousands of viewers, no thread each).
 */
public final class SseParser {

    /** One event as it arrived: its name, its data, when its blank line was read ({@link System#nanoTime()}). */
    public record Event(String name, String data, long receivedNanos) {}

    private final Consumer<Event> events;
    private final Consumer<String> comments;
    private String name = "message";
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;

    public SseParser(Consumer<Event> events, Consumer<String> comments) {
        this.events = events;
        this.comments = comments;
    }

    public SseParser(Consumer<Event> events) {
        this(events, comment -> {});
    }

    /** One line of the stream, without its line end. */
    public void line(String line) {
        if (line.isEmpty()) {
            if (hasData) {
                events.accept(new Event(name, data.toString(), System.nanoTime()));
            }
            name = "message";
            data.setLength(0);
            hasData = false;
        } else if (line.startsWith(":")) {
            comments.accept(value(line, 1));
        } else {
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : value(line, colon + 1);
            if (field.equals("event")) {
                name = value;
            } else if (field.equals("data")) {
                if (hasData) {
                    data.append('\n');
                }
                data.append(value);
                hasData = true;
            }
            // id and retry: the live stream sends neither, and no caller reconnects from an id
        }
    }

    /** A field's value: what follows the colon, less one leading space. */
    private static String value(String line, int from) {
        return line.startsWith(" ", from) ? line.substring(from + 1) : line.substring(from);
    }
}

package org.congressvote.query.live;

import java.util.concurrent.atomic.AtomicBoolean;

/** One client's open server-sent event stream for one congress, whichever server carries it. */
final class LiveStream {

    /** Where a stream's events go: a Tomcat response or a {@link LiveServer} channel. */
    interface Sink {

        /** Sends one event; false when the client is gone or too far behind (the stream is then dropped). */
        boolean send(LiveEvent event);

        /** Ends the response; the browser's EventSource reconnects by itself. */
        void end();
    }

    private final String congressId;
    private final String client;
    private final boolean webPort;
    private final Sink sink;
    private final AtomicBoolean open = new AtomicBoolean(true);

    LiveStream(String congressId, String client, boolean webPort, Sink sink) {
        this.congressId = congressId;
        this.client = client;
        this.webPort = webPort;
        this.sink = sink;
    }

    /** Whether Tomcat serves it (its seat counts against the web port's own cap too). */
    boolean webPort() {
        return webPort;
    }

    String congressId() {
        return congressId;
    }

    /** The client's address, its seat counted against the per-client cap. */
    String client() {
        return client;
    }

    Sink sink() {
        return sink;
    }

    boolean open() {
        return open.get();
    }

    /** Closes it; true only the first time, so its seat is given back once. */
    boolean close() {
        return open.getAndSet(false);
    }
}

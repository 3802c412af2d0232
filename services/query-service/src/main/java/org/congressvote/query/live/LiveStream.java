package org.congressvote.query.live;

import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** One client's open server-sent event stream for one congress. */
final class LiveStream {

    private final String congressId;
    private final String client;
    private final SseEmitter emitter;
    private final AtomicBoolean open = new AtomicBoolean(true);

    LiveStream(String congressId, String client, SseEmitter emitter) {
        this.congressId = congressId;
        this.client = client;
        this.emitter = emitter;
    }

    String congressId() {
        return congressId;
    }

    /** The client's address, its seat counted against the per-client cap. */
    String client() {
        return client;
    }

    SseEmitter emitter() {
        return emitter;
    }

    boolean open() {
        return open.get();
    }

    /** Closes it; true only the first time, so its seat is given back once. */
    boolean close() {
        return open.getAndSet(false);
    }
}

package org.congressvote.query.live;

import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** One client's open server-sent event stream for one congress. */
final class LiveStream {

    private final String congressId;
    private final SseEmitter emitter;
    private final AtomicBoolean open = new AtomicBoolean(true);

    LiveStream(String congressId, SseEmitter emitter) {
        this.congressId = congressId;
        this.emitter = emitter;
    }

    String congressId() {
        return congressId;
    }

    SseEmitter emitter() {
        return emitter;
    }

    boolean open() {
        return open.get();
    }

    void close() {
        open.set(false);
    }
}

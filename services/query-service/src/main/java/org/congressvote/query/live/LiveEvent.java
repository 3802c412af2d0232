package org.congressvote.query.live;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One server-sent event, serialised once for every stream: as Spring's emitter writes it (streams served by Tomcat)
 * and as the same bytes in one read-only buffer (streams served by {@link LiveServer}), which every channel writes a
 * view of without copying.
 */
final class LiveEvent {

    private final Set<DataWithMediaType> emitterEvent;
    private final ByteBuf frame;

    private LiveEvent(String name, String data, MediaType type) {
        this.emitterEvent = SseEmitter.event().name(name).data(data, type).build();
        byte[] bytes = ("event:" + name + "\ndata:" + data + "\n\n").getBytes(StandardCharsets.UTF_8);
        this.frame = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(bytes).asReadOnly());
    }

    /** An event whose data is one line of JSON (Jackson writes no line breaks). */
    static LiveEvent json(String name, String json) {
        return new LiveEvent(name, json, MediaType.APPLICATION_JSON);
    }

    /** An event whose data is one line of text. */
    static LiveEvent text(String name, String text) {
        return new LiveEvent(name, text, MediaType.TEXT_PLAIN);
    }

    Set<DataWithMediaType> emitterEvent() {
        return emitterEvent;
    }

    /** A view of the event's bytes for one channel: its own indexes, the same memory. */
    ByteBuf frame() {
        return frame.duplicate();
    }
}

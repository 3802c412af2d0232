package org.congressvote.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {

    private final List<SseParser.Event> events = new ArrayList<>();
    private final List<String> comments = new ArrayList<>();
    private final SseParser parser = new SseParser(events::add, comments::add);

    private void feed(String stream) {
        stream.lines().forEach(parser::line);
    }

    @Test
    void namedEventsEndAtABlankLineAndUnnamedOnesAreMessages() {
        feed("event: tally\ndata: {\"voted\":3}\n\ndata:plain\n\n");
        assertThat(events).extracting(SseParser.Event::name).containsExactly("tally", "message");
        assertThat(events).extracting(SseParser.Event::data).containsExactly("{\"voted\":3}", "plain");
    }

    @Test
    void dataLinesOfOneEventAreJoinedWithANewlineAndOnlyOneLeadingSpaceIsDropped() {
        feed("event: x\ndata:  a\ndata: b\n\n");
        assertThat(events).singleElement().extracting(SseParser.Event::data).isEqualTo(" a\nb");
    }

    @Test
    void commentsAreKeptApartAndAnEventWithoutDataIsNoEvent() {
        feed(": keep-alive\nevent: tally\n\nid: 7\ndata: after\n\n");
        assertThat(comments).containsExactly("keep-alive");
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo("message");
            assertThat(e.data()).isEqualTo("after");
        });
    }

    @Test
    void anEventNotYetEndedIsNotDelivered() {
        feed("event: tally\ndata: {}\n");
        assertThat(events).isEmpty();
        parser.line("");
        assertThat(events).hasSize(1);
    }
}

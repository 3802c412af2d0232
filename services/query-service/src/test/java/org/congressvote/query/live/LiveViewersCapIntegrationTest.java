package org.congressvote.query.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.UUID;
import org.congressvote.infra.RealServers;
import org.congressvote.query.support.CommandSideEvents;
import org.congressvote.query.support.CongressScenario;
import org.congressvote.testsupport.Answer;
import org.congressvote.testsupport.CongressApi;
import org.congressvote.testsupport.LiveStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Viewers of the live results past the caps (3 streams in all, 2 from one address) are told to come back later
 * (503 LIVE_VIEWERS_FULL, Retry-After); a viewer who leaves gives the place back. Two addresses on loopback
 * (127.0.0.1 and 127.0.0.2) stand for two clients.
 */
@ExtendWith(RealServers.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "congress.live.max-viewers=3",
            "congress.live.max-viewers-per-client=2",
            "congress.live.retry-after=7s",
            "congress.live.heartbeat=300ms",
            "congress.live.port=0",
            "congress.live.redirect=false"
        })
@DirtiesContext
class LiveViewersCapIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int tomcatPort;

    @Autowired
    LiveServer liveServer;

    /** The port of the stream under test: Tomcat's, or the live stream's own (LiveServer). */
    private int port;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add("axon.kafka.bootstrap-servers", RealServers::kafkaBootstrap);
        registry.add("spring.data.mongodb.uri", () -> RealServers.mongoUri() + "/query-live-cap-it");
    }

    private String live(String host, String congress) {
        return "http://" + host + ":" + port + "/api/congresses/" + congress + "/live";
    }

    /** A stream the server refuses: its whole answer (a stream it accepts would time out here). */
    private Answer refused(String url) throws Exception {
        return CongressApi.send(HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(20))
                .GET()
                .build());
    }

    private static void assertFull(Answer answer) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.get("code").asText()).isEqualTo("LIVE_VIEWERS_FULL");
    }

    @ParameterizedTest(name = "served by {0}")
    @ValueSource(strings = {"Tomcat", "LiveServer"})
    void viewersPastTheCapsPerAddressAndInAllAreToldToComeBackAndALeavingViewerFreesAPlace(String server)
            throws Exception {
        port = server.equals("Tomcat") ? tomcatPort : liveServer.port();
        String congress = "cap-" + UUID.randomUUID().toString().substring(0, 8);
        String motion;
        try (CommandSideEvents events = new CommandSideEvents(RealServers.kafkaBootstrap(), RealServers.TOPIC)) {
            CongressScenario scenario = new CongressScenario(events, congress, 10, 2);
            scenario.convene();
            motion = scenario.motion("m1");
            events.flush();
        }
        // the congress and the motion are on different partitions: wait for both
        await().atMost(Duration.ofSeconds(60))
                .until(() -> status("/api/congresses/" + congress + "/attendance") == 200
                        && status("/api/motions/" + motion + "/tally") == 200);

        // the other server's run closed its streams as it ended: their seats come back once the server sees them go
        await().atMost(Duration.ofSeconds(30)).until(() -> dashboard.seated() == 0);
        LiveStream first = LiveStream.open(live("127.0.0.1", congress));
        LiveStream second = LiveStream.open(live("127.0.0.1", congress));
        await().atMost(Duration.ofSeconds(30)).until(() -> first.status() != -1 && second.status() != -1);
        assertThat(java.util.List.of(first.status(), second.status())).containsOnly(200);
        Answer thirdFromOneAddress = refused(live("127.0.0.1", congress));
        assertFull(thirdFromOneAddress);
        assertThat(thirdFromOneAddress.body()).contains("Your address already has 2 live streams open");

        try (RawStream other = new RawStream("127.0.0.2", congress)) {
            assertThat(other.head()).as("another address still gets in").startsWith("HTTP/1.1 200");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !first.data("tally").isEmpty()
                            && !second.data("tally").isEmpty());
            assertThat(first.data("tally").get(0)).contains("\"motionId\":\"" + motion + "\"");
            assertThat(second.data("tally").get(0))
                    .isEqualTo(first.data("tally").get(0));

            try (RawStream fourth = new RawStream("127.0.0.3", congress)) {
                String head = fourth.head();
                assertThat(head).startsWith("HTTP/1.1 503").containsIgnoringCase("Retry-After: 7");
                assertThat(fourth.bodyStart()).contains("LIVE_VIEWERS_FULL", "already sends the live results to 3");
            }

            first.close();
            // the server notices a viewer gone at its next write (heartbeat every 300 ms) and frees the place
            try (LiveStream again = await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> opened(live("127.0.0.1", congress)), s -> s != null)) {
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> !again.data("tally").isEmpty());
            }
        } finally {
            second.close();
        }
    }

    private int status(String path) throws Exception {
        return CongressApi.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + tomcatPort + path))
                        .build())
                .statusCode();
    }

    /**
     * A live stream asked for from another loopback address (the JDK's client cannot choose its own, and Linux sends
     * from 127.0.0.1 whatever 127.x is called): a socket bound to that address, speaking HTTP/1.1 by hand.
     */
    private final class RawStream implements AutoCloseable {

        private final java.net.Socket socket = new java.net.Socket();
        private final java.io.InputStream in;

        RawStream(String from, String congress) throws java.io.IOException {
            socket.bind(new java.net.InetSocketAddress(from, 0));
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(30_000);
            socket.getOutputStream()
                    .write(("GET /api/congresses/" + congress + "/live HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                    + "Accept: text/event-stream\r\n\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            in = socket.getInputStream();
        }

        /** The status line and headers. */
        String head() throws java.io.IOException {
            return readUntil("\r\n\r\n");
        }

        /** What follows the headers, up to the end of the first JSON object. */
        String bodyStart() throws java.io.IOException {
            return readUntil("}");
        }

        private String readUntil(String end) throws java.io.IOException {
            StringBuilder text = new StringBuilder();
            while (text.indexOf(end) < 0) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                text.append((char) b);
            }
            return text.toString();
        }

        @Override
        public void close() throws java.io.IOException {
            socket.close();
        }
    }

    @Test
    void theLiveServerRefusesWhatItCannotServeWithProblems() throws Exception {
        port = liveServer.port();
        Answer unknown = refused(live("127.0.0.1", "no-such-congress"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(JSON.readTree(unknown.body()).get("code").asText()).isEqualTo("CONGRESS_NOT_FOUND");

        Answer elsewhere = refused("http://127.0.0.1:" + port + "/api/congresses");
        assertThat(elsewhere.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(elsewhere.body()).get("code").asText()).isEqualTo("NOT_FOUND");

        Answer tooLong = refused(live("127.0.0.1", "x".repeat(300)));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(tooLong.body()).get("code").asText()).isEqualTo("INVALID_REQUEST");

        Answer posted = CongressApi.send(HttpRequest.newBuilder(URI.create(live("127.0.0.1", "c")))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build());
        assertThat(posted.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(posted.body()).get("code").asText()).isEqualTo("INVALID_REQUEST");
        // the refusals took no place: all three are free (a fourth seat would be refused)
        for (int i = 0; i < 3; i++) {
            dashboard.seat("192.0.2." + i);
        }
        for (int i = 0; i < 3; i++) {
            dashboard.release("192.0.2." + i);
        }
    }

    @Autowired
    LiveDashboard dashboard;

    /** A stream that the server accepted, or null (closed) when it refused. */
    private LiveStream opened(String url) throws Exception {
        LiveStream client = LiveStream.open(url);
        await().atMost(Duration.ofSeconds(20)).until(() -> client.status() != -1);
        if (client.status() == 200) {
            return client;
        }
        client.close();
        return null;
    }
}

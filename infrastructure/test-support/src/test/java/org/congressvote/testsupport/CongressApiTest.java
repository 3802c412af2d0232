package org.congressvote.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.congressvote.api.error.ErrorCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a small real HTTP server that answers as the services do. */
class CongressApiTest {

    private HttpServer server;
    private final Map<String, String> seen = new ConcurrentHashMap<>();
    private final CountDownLatch streamClosed = new CountDownLatch(1);
    private CongressApi api;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/auth/login", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (body.contains("\"password\":\"right\"")) {
                answer(exchange, 200, "application/json", "{\"token\":\"t-123\"}");
            } else {
                answer(
                        exchange,
                        401,
                        "application/problem+json",
                        "{\"status\":401,\"code\":\"BAD_CREDENTIALS\",\"detail\":\"Wrong name or password.\"}");
            }
        });
        server.createContext("/api/motions/m1/votes", exchange -> {
            seen.put(
                    "authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            seen.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            answer(
                    exchange,
                    409,
                    "application/problem+json",
                    "{\"status\":409,\"code\":\"ALREADY_VOTED\",\"detail\":\"D001 has already voted on m1.\"}");
        });
        server.createContext("/api/motions/m1/tally", exchange -> answer(exchange, 503, "text/plain", "down"));
        server.createContext("/api/congresses/c/live", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(": hello\n\nevent: tally\ndata: {\"motionId\":\"m1\",\"voted\":2}\n\n"
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
                // the stream stays open until the client goes away
                while (true) {
                    Thread.sleep(50);
                    out.write(": ping\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } catch (IOException | InterruptedException gone) {
                streamClosed.countDown();
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        api = new CongressApi("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Test
    void aSignedInCallerSendsItsSessionAndJsonBodies() throws Exception {
        api.signInAsStaff("admin", "right");
        Answer vote = api.vote("m1", "AGREE", "r-1");

        assertThat(api.token()).isEqualTo("t-123");
        assertThat(seen).containsEntry("authorization", "Bearer t-123");
        assertThat(CongressApi.JSON.readTree(seen.get("body")))
                .isEqualTo(CongressApi.JSON.readTree("{\"choice\":\"AGREE\",\"requestId\":\"r-1\"}"));
        assertThat(vote.statusCode()).isEqualTo(409);
        assertThat(vote.problem().errorCode()).contains(ErrorCode.ALREADY_VOTED);
        assertThat(vote.problem().detail()).contains("D001 has already voted on m1.");
    }

    @Test
    void aProblemAnswerIsThrownWithItsErrorCode() {
        assertThatThrownBy(() -> api.signInAsStaff("admin", "wrong"))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> {
                    assertThat(problem.status()).isEqualTo(401);
                    assertThat(problem.errorCode()).contains(ErrorCode.BAD_CREDENTIALS);
                })
                .hasMessageContaining("POST /api/auth/login -> 401");
        assertThat(api.token()).isNull();
    }

    @Test
    void anAnswerThatIsNotAProblemStillFailsWithoutACode() {
        assertThatThrownBy(() -> api.tally("m1")).isInstanceOfSatisfying(ApiProblem.class, problem -> {
            assertThat(problem.status()).isEqualTo(503);
            assertThat(problem.code()).isEmpty();
            assertThat(problem.body()).isEqualTo("down");
        });
    }

    @Test
    void theLiveStreamKeepsEventsAndCommentsAndLetsGoOfTheConnectionWhenClosed() throws Exception {
        LiveStream live = LiveStream.open(api.baseUrl() + "/api/congresses/c/live");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (live.data("tally").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.data("tally")).containsExactly("{\"motionId\":\"m1\",\"voted\":2}");
        assertThat(live.comments()).contains("hello");

        live.close();
        assertThat(streamClosed.await(10, TimeUnit.SECONDS))
                .as("the server saw the stream closed")
                .isTrue();
        assertThat(live.events()).extracting(SseParser.Event::name).isEqualTo(List.of("tally"));
    }
}

package org.congressvote.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.congressvote.infra.RealServers;
import org.congressvote.query.QueryServiceApplication;
import org.congressvote.testsupport.Answer;
import org.congressvote.testsupport.CongressApi;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Throws generated bad requests at the query-service on the real Kafka broker and MongoDB-wire server: unknown and
 * garbage ids, over-long ids, malformed receipt codes, wrong methods, bodies where none belong. None may get a 5xx;
 * each gets a 4xx problem (the query side writes nothing, so nothing can change).
 */
class BadRequestPropertyTest {

    private static ConfigurableApplicationContext app;
    private static String base;

    @BeforeContainer
    static void start() {
        app = new SpringApplicationBuilder(QueryServiceApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.data.mongodb.uri=" + RealServers.mongoUri() + "/congress-badinput",
                        "--axon.kafka.bootstrap-servers=" + RealServers.kafkaBootstrap());
        base = "http://127.0.0.1:"
                + ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    @AfterContainer
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    record Bad(String method, String path, String body) {}

    @Property(tries = 200)
    void everyBadRequestGetsA4xxProblem(@ForAll("badRequests") Bad bad) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + bad.path()))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .method(
                        bad.method(),
                        bad.body() == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(bad.body()));
        Answer response = CongressApi.send(request.build());
        assertThat(response.statusCode()).as(bad + " -> " + response.body()).isBetween(400, 499);
        if (!response.body().isEmpty()) {
            assertThat(response.headers().firstValue("Content-Type").orElse(""))
                    .as(bad.toString())
                    .contains("application/problem+json");
        }
    }

    /** Ids over the limit of docs/api.md ("Input limits") or with characters outside it: a 400 naming the field. */
    @Property(tries = 100)
    void everyIdOverItsLimitIsA400NamingIt(@ForAll("overLimitIds") String[] bad) throws Exception {
        Answer response = CongressApi.send(HttpRequest.newBuilder(URI.create(base + bad[0]))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build());
        assertThat(response.statusCode()).as(bad[0] + " -> " + response.body()).isEqualTo(400);
        assertThat(response.body()).as(bad[0]).contains("\"field\":\"" + bad[1] + "\"");
    }

    @Provide
    Arbitrary<String[]> overLimitIds() {
        Arbitrary<String> ids = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(65).ofMaxLength(400),
                Arbitraries.strings()
                        .withCharRange('a', 'z')
                        .ofMinLength(1)
                        .ofMaxLength(20)
                        .map(s -> s + "%20x"),
                Arbitraries.strings()
                        .withCharRange('a', 'z')
                        .ofMinLength(1)
                        .ofMaxLength(20)
                        .map(s -> s + "%C3%A4"));
        return Combinators.combine(
                        ids,
                        Arbitraries.of(
                                new String[] {"/api/congresses/%s", "congressId"},
                                new String[] {"/api/congresses/%s/attendance", "congressId"},
                                new String[] {"/api/congresses/%s/motions", "congressId"},
                                new String[] {"/api/motions/%s/tally", "motionId"},
                                new String[] {"/api/elections/%s", "electionId"},
                                new String[] {"/api/elections/%s/rounds/1/ballots", "electionId"}))
                .as((id, template) -> new String[] {template[0].formatted(id), template[1]});
    }

    @Example
    void getErrorIsANotFoundProblem() throws Exception {
        Answer response = CongressApi.send(
                HttpRequest.newBuilder(URI.create(base + "/error")).GET().build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
    }

    @Provide
    Arbitrary<Bad> badRequests() {
        Arbitrary<String> ids = Arbitraries.oneOf(
                Arbitraries.of(
                        "no-such-id",
                        "%2e%2e%2f%2e%2e",
                        "a%00b",
                        "%F0%9F%92%A3",
                        "'%20OR%201=1",
                        "%7B%22$ne%22:1%7D",
                        "x".repeat(201),
                        "x".repeat(5000)),
                Arbitraries.strings()
                        .withCharRange('a', 'z')
                        .ofMinLength(1)
                        .ofMaxLength(30)
                        .map(s -> "unknown-" + s));
        Arbitrary<Bad> unknownIds = Combinators.combine(
                        ids,
                        Arbitraries.of(
                                "/api/congresses/%s",
                                "/api/congresses/%s/attendance",
                                "/api/congresses/%s/delegates",
                                "/api/congresses/%s/motions",
                                "/api/congresses/%s/elections",
                                "/api/motions/%s/tally",
                                "/api/elections/%s",
                                "/api/elections/%s/rounds/1/ballots",
                                "/api/rounds/%s/receipts/ABCD-EFGH-JKLM",
                                "/api/congresses/%s/live"))
                .as((id, template) -> new Bad("GET", template.formatted(id), null));
        Arbitrary<Bad> badNumbers = Arbitraries.of("0", "-1", "abc", "99999999999999999999", "1.5")
                .map(n -> new Bad("GET", "/api/elections/no-such/rounds/" + n + "/ballots", null));
        Arbitrary<Bad> wrongMethods = Arbitraries.of(
                new Bad("POST", "/api/congresses/x/attendance", "{}"),
                new Bad("DELETE", "/api/motions/x/tally", null),
                new Bad("PUT", "/api/congresses/x", "{\"name\":\"hijack\"}"),
                new Bad("PATCH", "/api/elections/x", "[]"),
                new Bad("GET", "/api/recount", null),
                new Bad("POST", "/api/motions/x/votes", "{\"choice\":\"AGREE\"}"),
                new Bad("GET", "/api/motions/x/votes", null),
                new Bad("GET", "/api/nothing-here", null));
        return Arbitraries.oneOf(unknownIds, badNumbers, wrongMethods);
    }
}

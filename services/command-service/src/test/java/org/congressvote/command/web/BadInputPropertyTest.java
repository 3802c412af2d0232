package org.congressvote.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.congressvote.command.CommandServiceApplication;
import org.congressvote.command.TestApi;
import org.congressvote.infra.RealServers;
import org.congressvote.testsupport.Answer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Throws generated bad requests at the command-service on the real PostgreSQL and Kafka: every one of them has at
 * least one defect (malformed or oversized body, unknown field, wrong type, unknown or garbage id, no or forged
 * token, the wrong role, a command out of order, a delegate acting as another). None may get a 5xx, each gets a 4xx
 * problem, and the event log is unchanged after each.
 */
class BadInputPropertyTest {

    private static ConfigurableApplicationContext app;
    private static TestApi api;
    private static JdbcTemplate jdbc;
    private static final String C = "badinput";
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeContainer
    static void start() throws Exception {
        app = new SpringApplicationBuilder(CommandServiceApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=" + RealServers.jdbcUrl(),
                        "--axon.kafka.bootstrap-servers=" + RealServers.kafkaBootstrap(),
                        "--CONGRESS_ADMIN_PASSWORD=" + TestApi.ADMIN_PASSWORD);
        api = new TestApi(((WebServerApplicationContext) app).getWebServer().getPort());
        jdbc = app.getBean(JdbcTemplate.class);
        if (jdbc.queryForList("SELECT 1 FROM congress_gate WHERE congress_id = ?", C)
                .isEmpty()) {
            api.convene(C, 3);
            api.post("/api/congresses/" + C + "/delegates/D003/check-out", "{\"reason\":\"left early\"}");
            api.post("/api/congresses/" + C + "/motions", "{\"motionId\":\"" + C + "-open\",\"title\":\"Open one\"}");
            api.post("/api/motions/" + C + "-open/open", "");
            api.post(
                    "/api/congresses/" + C + "/motions",
                    "{\"motionId\":\"" + C + "-closed\",\"title\":\"Closed one\"}");
            api.post("/api/motions/" + C + "-closed/open", "");
            api.post("/api/motions/" + C + "-closed/close", "");
            assertThat(api.asDelegate(C, "D001", "/api/motions/" + C + "-open/votes", "{\"choice\":\"AGREE\"}")
                            .statusCode())
                    .isEqualTo(201);
        }
    }

    @AfterContainer
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    enum Who {
        NOBODY,
        FORGED,
        ADMIN,
        D001,
        D002
    }

    record Bad(String why, String method, String path, String body, Who who) {}

    @Property(tries = 250)
    void everyBadRequestGetsA4xxProblemAndChangesNothing(@ForAll("badRequests") Bad bad) throws Exception {
        long before = events();
        String token = switch (bad.who()) {
            case NOBODY -> null;
            case FORGED -> "Zm9yZ2VkLXRva2VuLXRoYXQtbG9va3MtcmVhbA";
            case ADMIN -> api.admin();
            case D001, D002 -> api.tokenOf(C, bad.who().name());
        };
        Answer response = api.sendBytes(
                bad.method(),
                bad.path(),
                bad.body() == null ? null : bad.body().getBytes(StandardCharsets.UTF_8),
                "application/json",
                token);
        assertThat(response.statusCode()).as(bad + " -> " + response.body()).isBetween(400, 499);
        if (!response.body().isEmpty()) {
            assertThat(response.headers().firstValue("Content-Type").orElse(""))
                    .as(bad.toString())
                    .contains("application/problem+json");
        }
        assertThat(events()).as("event log after " + bad).isEqualTo(before);
    }

    @Provide
    Arbitrary<Bad> badRequests() {
        String vote = "/api/motions/" + C + "-open/votes";
        Arbitrary<Bad> malformedBodies = Combinators.combine(
                        Arbitraries.of(
                                vote,
                                "/api/congresses",
                                "/api/congresses/" + C + "/motions",
                                "/api/congresses/" + C + "/delegates",
                                "/api/auth/login",
                                "/api/auth/delegate"),
                        Arbitraries.of(
                                "{",
                                "}",
                                "[]",
                                "null",
                                "\"text\"",
                                "{\"choice\":",
                                "{'choice':'AGREE'}",
                                "<xml/>",
                                "{\"choice\":\"AGREE\"}}",
                                "\u0000\u0001",
                                "{\"a\":" + "[".repeat(3000)))
                .as((path, body) ->
                        new Bad("malformed body", "POST", path, body, path.equals(vote) ? Who.D002 : Who.ADMIN));
        Arbitrary<Bad> wrongTypes = Arbitraries.of(
                new Bad("wrong type", "POST", vote, "{\"choice\":5}", Who.D002),
                new Bad("unknown choice", "POST", vote, "{\"choice\":\"MAYBE\"}", Who.D002),
                new Bad("unknown field", "POST", vote, "{\"choice\":\"AGREE\",\"weight\":1000}", Who.D002),
                new Bad("array for object", "POST", "/api/congresses", "[{\"congressId\":\"x\"}]", Who.ADMIN),
                new Bad("number as id", "POST", "/api/congresses", "{\"congressId\":12,\"name\":{}}", Who.ADMIN),
                new Bad("missing name", "POST", "/api/congresses", "{\"congressId\":\"ok-id-1\"}", Who.ADMIN),
                new Bad(
                        "bad quorum",
                        "POST",
                        "/api/congresses",
                        "{\"congressId\":\"ok-id-2\",\"name\":\"x\",\"quorum\":{\"numerator\":3,\"denominator\":2}}",
                        Who.ADMIN),
                new Bad(
                        "unknown field in login",
                        "POST",
                        "/api/auth/login",
                        "{\"username\":\"admin\",\"password\":\"x\",\"root\":true}",
                        Who.NOBODY),
                new Bad(
                        "seats as text",
                        "POST",
                        "/api/congresses/" + C + "/elections",
                        "{\"electionId\":\"e1\",\"title\":\"t\",\"seats\":\"many\"}",
                        Who.ADMIN),
                new Bad(
                        "no seats",
                        "POST",
                        "/api/congresses/" + C + "/elections",
                        "{\"electionId\":\"e2\",\"title\":\"t\",\"seats\":0}",
                        Who.ADMIN),
                new Bad(
                        "oversized",
                        "POST",
                        vote,
                        "{\"choice\":\"AGREE\",\"requestId\":\"" + "x".repeat(70_000) + "\"}",
                        Who.D002),
                new Bad(
                        "long request id",
                        "POST",
                        vote,
                        "{\"choice\":\"AGREE\",\"requestId\":\"" + "x".repeat(65) + "\"}",
                        Who.D002));
        Arbitrary<Bad> badIds = Combinators.combine(
                        Arbitraries.of(
                                "no-such-motion",
                                "%2e%2e%2f%2e%2e",
                                "a%00b",
                                "x".repeat(300),
                                "%F0%9F%92%A3",
                                "'%20OR%201=1"),
                        Arbitraries.of(
                                "/api/motions/%s/open",
                                "/api/motions/%s/close",
                                "/api/motions/%s/votes",
                                "/api/congresses/%s/delegates/D001/check-in",
                                "/api/congresses/" + C + "/delegates/%s/check-in",
                                "/api/elections/%s/open",
                                "/api/rounds/%s/ballots"))
                .as((id, template) -> {
                    String path = template.formatted(id);
                    boolean voting = path.endsWith("/votes") || path.endsWith("/ballots");
                    return new Bad(
                            "unknown or garbage id",
                            "POST",
                            path,
                            voting ? "{\"choice\":\"AGREE\",\"kept\":[]}" : "",
                            voting ? Who.D002 : Who.ADMIN);
                });
        Arbitrary<Bad> badAuth = Combinators.combine(
                        Arbitraries.of(Who.NOBODY, Who.FORGED, Who.D002),
                        Arbitraries.of(
                                "/api/congresses",
                                "/api/motions/" + C + "-open/close",
                                "/api/congresses/" + C + "/session/open",
                                "/api/congresses/" + C + "/delegates/D003/check-in",
                                "/api/audit/events"))
                .as((who, path) -> new Bad(
                        "no, forged or delegate token on a staff endpoint",
                        path.startsWith("/api/audit") ? "GET" : "POST",
                        path,
                        path.startsWith("/api/audit") ? null : "{\"congressId\":\"z\",\"name\":\"z\"}",
                        who));
        Arbitrary<Bad> outOfOrder = Arbitraries.of(
                new Bad("reopen a closed motion", "POST", "/api/motions/" + C + "-closed/open", "", Who.ADMIN),
                new Bad("open an open motion", "POST", "/api/motions/" + C + "-open/open", "", Who.ADMIN),
                new Bad("close a closed motion", "POST", "/api/motions/" + C + "-closed/close", "", Who.ADMIN),
                new Bad(
                        "vote on a closed motion",
                        "POST",
                        "/api/motions/" + C + "-closed/votes",
                        "{\"choice\":\"AGREE\"}",
                        Who.D002),
                new Bad("vote twice", "POST", vote, "{\"choice\":\"DISAGREE\"}", Who.D001),
                new Bad(
                        "complete credentials twice",
                        "POST",
                        "/api/congresses/" + C + "/credentials/complete",
                        "",
                        Who.ADMIN),
                new Bad("open the session twice", "POST", "/api/congresses/" + C + "/session/open", "", Who.ADMIN),
                new Bad(
                        "close the congress with a vote open",
                        "POST",
                        "/api/congresses/" + C + "/close",
                        "",
                        Who.ADMIN),
                new Bad(
                        "register after verification",
                        "POST",
                        "/api/congresses/" + C + "/delegates",
                        "{\"delegateId\":\"D999\",\"fullName\":\"Late\",\"organisation\":\"X\"}",
                        Who.ADMIN),
                new Bad(
                        "check in a present delegate",
                        "POST",
                        "/api/congresses/" + C + "/delegates/D001/check-in",
                        "",
                        Who.ADMIN),
                new Bad(
                        "check out an absent delegate",
                        "POST",
                        "/api/congresses/" + C + "/delegates/D003/check-out",
                        "{\"reason\":\"left\"}",
                        Who.ADMIN),
                new Bad(
                        "check out without a reason",
                        "POST",
                        "/api/congresses/" + C + "/delegates/D001/check-out",
                        "",
                        Who.ADMIN),
                new Bad(
                        "re-issue a card without a reason",
                        "POST",
                        "/api/congresses/" + C + "/delegates/D001/card",
                        "{\"reason\":\"  \"}",
                        Who.ADMIN),
                new Bad(
                        "create an existing congress",
                        "POST",
                        "/api/congresses",
                        "{\"congressId\":\"" + C + "\",\"name\":\"again\"}",
                        Who.ADMIN),
                new Bad(
                        "vote as another delegate",
                        "POST",
                        vote,
                        "{\"delegateId\":\"D001\",\"choice\":\"AGREE\"}",
                        Who.D002),
                new Bad("secretariat votes", "POST", vote, "{\"delegateId\":\"D002\",\"choice\":\"AGREE\"}", Who.ADMIN),
                new Bad(
                        "wrong password",
                        "POST",
                        "/api/auth/login",
                        "{\"username\":\"nobody\",\"password\":\"guess\"}",
                        Who.NOBODY),
                new Bad("used card code", "POST", "/api/auth/delegate", "{\"code\":\"AAAA-BBBB-CCCC\"}", Who.NOBODY),
                new Bad("unsupported method", "DELETE", vote, null, Who.ADMIN),
                new Bad("roster that is not UTF-8", "POST", "/api/congresses/" + C + "/roster", null, Who.ADMIN));
        return Arbitraries.oneOf(malformedBodies, wrongTypes, badIds, badAuth, outOfOrder);
    }

    /** A field of a request: where it is sent, the rest of a valid body, and its limit (docs/api.md, "Input limits"). */
    record Field(String path, Who who, Map<String, Object> rest, String name, Limit limit) {}

    enum Limit {
        ID,
        NAME,
        REASON,
        TEXT,
        USERNAME,
        PASSWORD,
        CODE
    }

    record OverLimit(Field field, Object value) {
        @Override
        public String toString() {
            String shown = String.valueOf(value);
            return field.path() + " " + field.name() + "="
                    + (shown.length() > 80 ? shown.substring(0, 80) + "…(" + shown.length() + ")" : shown)
                            .replaceAll("\\p{Cntrl}", "�");
        }
    }

    @Property(tries = 300)
    void everyFieldOverItsLimitIsA400NamingTheFieldAndChangesNothing(@ForAll("overLimits") OverLimit bad)
            throws Exception {
        long before = events();
        String token = switch (bad.field().who()) {
            case ADMIN -> api.admin();
            case D002 -> api.tokenOf(C, "D002");
            default -> null;
        };
        Map<String, Object> body = new LinkedHashMap<>(bad.field().rest());
        body.put(bad.field().name(), bad.value());
        Answer response =
                api.sendBytes("POST", bad.field().path(), JSON.writeValueAsBytes(body), "application/json", token);
        assertThat(response.statusCode()).as(bad + " -> " + response.body()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("field").asText())
                .as(bad.toString())
                .isEqualTo(bad.field().name());
        assertThat(events()).as("event log after " + bad).isEqualTo(before);
    }

    @Property(tries = 60)
    void auditFiltersOutOfRangeAreA400NamingTheParameter(@ForAll("auditFilters") String[] bad) throws Exception {
        Answer response = api.sendBytes(
                "GET",
                "/api/audit/events?" + bad[0] + "=" + URLEncoder.encode(bad[1], StandardCharsets.UTF_8),
                null,
                "application/json",
                api.admin());
        assertThat(response.statusCode())
                .as(String.join("=", bad) + " -> " + response.body())
                .isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("field").asText()).isEqualTo(bad[0]);
    }

    @Provide
    Arbitrary<String[]> auditFilters() {
        Arbitrary<String> years = Arbitraries.oneOf(
                        Arbitraries.integers().between(-999_999_999, 1899),
                        Arbitraries.integers().between(2101, 999_999_999))
                .map(y -> (y > 9999 ? "+" + y : y < 0 ? String.format("-%04d", -y) : String.format("%04d", y))
                        + "-01-01T00:00:00Z");
        Arbitrary<String> garbage =
                Arbitraries.strings().ofMinLength(1).ofMaxLength(40).map(t -> "x" + t);
        return Combinators.combine(Arbitraries.of("from", "to"), Arbitraries.oneOf(years, garbage))
                .as((name, value) -> new String[] {name, value});
    }

    @Provide
    Arbitrary<OverLimit> overLimits() {
        String congress = "/api/congresses/" + C;
        Map<String, Object> delegate =
                Map.of("delegateId", "D900", "fullName", "Nguyễn Văn A", "organisation", "Chi bộ 1");
        Arbitrary<Field> fields = Arbitraries.of(
                new Field("/api/congresses", Who.ADMIN, Map.of("name", "Đại hội"), "congressId", Limit.ID),
                new Field("/api/congresses", Who.ADMIN, Map.of("congressId", "limit-c"), "name", Limit.NAME),
                new Field(congress + "/delegates", Who.ADMIN, without(delegate, "delegateId"), "delegateId", Limit.ID),
                new Field(congress + "/delegates", Who.ADMIN, without(delegate, "fullName"), "fullName", Limit.NAME),
                new Field(
                        congress + "/delegates",
                        Who.ADMIN,
                        without(delegate, "organisation"),
                        "organisation",
                        Limit.NAME),
                new Field(congress + "/delegates", Who.ADMIN, delegate, "position", Limit.NAME),
                new Field(
                        congress + "/delegates/D003/credentials",
                        Who.ADMIN,
                        Map.of("decision", "REJECT"),
                        "reason",
                        Limit.REASON),
                new Field(
                        congress + "/alternates",
                        Who.ADMIN,
                        Map.of("replacedDelegateId", "D003"),
                        "alternateId",
                        Limit.ID),
                new Field(
                        congress + "/alternates",
                        Who.ADMIN,
                        Map.of("alternateId", "A1", "replacedDelegateId", "D003"),
                        "reason",
                        Limit.REASON),
                new Field(congress + "/delegates/D003/absence", Who.ADMIN, Map.of(), "reason", Limit.REASON),
                new Field(congress + "/motions", Who.ADMIN, Map.of("title", "t"), "motionId", Limit.ID),
                new Field(congress + "/motions", Who.ADMIN, Map.of("motionId", "limit-m"), "title", Limit.NAME),
                new Field(
                        congress + "/motions",
                        Who.ADMIN,
                        Map.of("motionId", "limit-m", "title", "t"),
                        "text",
                        Limit.TEXT),
                new Field(congress + "/elections", Who.ADMIN, Map.of("title", "t", "seats", 1), "electionId", Limit.ID),
                new Field(
                        congress + "/elections",
                        Who.ADMIN,
                        Map.of("electionId", "limit-e", "seats", 1),
                        "title",
                        Limit.NAME),
                new Field(
                        "/api/motions/" + C + "-open/votes",
                        Who.D002,
                        Map.of("choice", "AGREE"),
                        "requestId",
                        Limit.ID),
                new Field(
                        "/api/auth/login",
                        Who.NOBODY,
                        Map.of("password", "some-password-1"),
                        "username",
                        Limit.USERNAME),
                new Field("/api/auth/login", Who.NOBODY, Map.of("username", "admin"), "password", Limit.PASSWORD),
                new Field(
                        "/api/auth/accounts",
                        Who.ADMIN,
                        Map.of("password", "some-password-1", "role", "COUNTING"),
                        "username",
                        Limit.USERNAME),
                new Field(
                        "/api/auth/accounts",
                        Who.ADMIN,
                        Map.of("username", "limit-user", "role", "COUNTING"),
                        "password",
                        Limit.PASSWORD),
                new Field("/api/auth/delegate", Who.NOBODY, Map.of(), "code", Limit.CODE));
        Arbitrary<OverLimit> strings =
                fields.flatMap(field -> overLimit(field.limit()).map(v -> new OverLimit(field, v)));
        Arbitrary<OverLimit> numbers = Arbitraries.oneOf(
                        Arbitraries.integers().between(-1_000_000, 0),
                        Arbitraries.integers().between(1001, Integer.MAX_VALUE))
                .map(seats -> new OverLimit(
                        new Field(
                                congress + "/elections",
                                Who.ADMIN,
                                Map.of("electionId", "limit-e", "title", "t"),
                                "seats",
                                Limit.ID),
                        seats));
        Arbitrary<OverLimit> dates = Arbitraries.oneOf(
                        Arbitraries.integers().between(1, 1899),
                        Arbitraries.integers().between(2101, 9999))
                .map(year -> new OverLimit(
                        new Field(congress + "/delegates", Who.ADMIN, delegate, "dateOfBirth", Limit.ID),
                        String.format("%04d-06-15", year)));
        return Arbitraries.frequencyOf(Tuple.of(8, strings), Tuple.of(1, numbers), Tuple.of(1, dates));
    }

    /** A value breaking the limit: one character too many or far too many, a control character, a lone surrogate. */
    private static Arbitrary<String> overLimit(Limit limit) {
        int max = switch (limit) {
            case ID, USERNAME, CODE -> 64;
            case NAME -> 200;
            case REASON -> 1000;
            case TEXT -> 4000;
            case PASSWORD -> 72;
        };
        boolean lines = limit == Limit.REASON || limit == Limit.TEXT;
        Arbitrary<Character> letters = limit == Limit.ID
                ? Arbitraries.chars().alpha().numeric()
                : Arbitraries.of('a', 'Đ', 'ệ', ' ', '-', '中');
        Arbitrary<String> tooLong = Arbitraries.integers()
                .between(max + 1, max * 3)
                .flatMap(n -> letters.list().ofSize(n).map(BadInputPropertyTest::join))
                .filter(v -> limit != Limit.PASSWORD || v.getBytes(StandardCharsets.UTF_8).length > max);
        Arbitrary<Character> controls = Arbitraries.oneOf(
                        Arbitraries.chars().range('\u0000', '\u001f'),
                        Arbitraries.chars().range('\u007f', '\u009f'))
                .filter(c -> !lines || (c != '\n' && c != '\r' && c != '\t'));
        Arbitrary<String> control = Combinators.combine(
                        letters.list().ofMinSize(1).ofMaxSize(20).map(BadInputPropertyTest::join),
                        controls,
                        Arbitraries.integers().between(0, 20))
                .as((text, c, at) -> limit == Limit.PASSWORD && text.length() < 12
                        ? "p".repeat(12) + c + text
                        : text.substring(0, Math.min(at, text.length()))
                                + c
                                + text.substring(Math.min(at, text.length())));
        Arbitrary<String> badId = Arbitraries.of("a b", "a/b", "ä", "a'b", "", "a\"b");
        return limit == Limit.ID ? Arbitraries.oneOf(tooLong, control, badId) : Arbitraries.oneOf(tooLong, control);
    }

    private static String join(java.util.List<Character> chars) {
        StringBuilder text = new StringBuilder();
        chars.forEach(text::append);
        return text.toString();
    }

    private static Map<String, Object> without(Map<String, Object> map, String key) {
        Map<String, Object> rest = new LinkedHashMap<>(map);
        rest.remove(key);
        return rest;
    }

    private static long events() {
        Long n = jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
        return n == null ? 0 : n;
    }
}

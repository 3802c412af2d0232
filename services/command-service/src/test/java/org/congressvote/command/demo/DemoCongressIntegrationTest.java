package org.congressvote.command.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.congressvote.command.RealServersTest;
import org.congressvote.command.TestApi;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** The seed article's congress, loaded by --demo, voting at the charter's boundary: 122 of 245 fails, 123 passes. */
@TestPropertySource(properties = {"congress.demo.enabled=true", "congress.demo.cards-file=target/demo-cards.csv"})
class DemoCongressIntegrationTest extends RealServersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theSeedCongressIsLoadedAndDecidesByMoreThanHalfOfThe245Summoned() throws Exception {
        JsonNode created = JSON.readTree(jdbc.queryForObject(
                "SELECT convert_from(payload, 'UTF8') FROM domainevententry "
                        + "WHERE aggregateidentifier = 'cantho-7' AND sequencenumber = 0",
                String.class));
        assertThat(created.get("name").asText())
                .contains("Cần Thơ")
                .contains("lần thứ VII")
                .contains("2015 - 2020");
        assertThat(created.get("organisations")).hasSize(95);
        int members = 0;
        for (JsonNode org : created.get("organisations")) {
            members += org.get("members").asInt();
        }
        assertThat(members).isEqualTo(5008);
        assertThat(count("cantho-7", "DelegateCheckedInEvent")).isEqualTo(245);
        assertThat(count("cantho-7", "DelegateRegisteredEvent")).isEqualTo(251);
        assertThat(jdbc.queryForObject(
                        "SELECT convert_from(payload, 'UTF8') FROM domainevententry WHERE "
                                + "aggregateidentifier = 'nghi-quyet'",
                        String.class))
                .contains("1.200 đảng viên")
                .contains("98%");
        assertThat(jdbc.queryForObject(
                        "SELECT convert_from(payload, 'UTF8') FROM domainevententry WHERE aggregateidentifier "
                                + "= 'bch-khoa-7' AND payloadtype LIKE '%RoundStartedEvent'",
                        String.class))
                .contains("\"seats\":33");

        List<String> cards = Files.readAllLines(Path.of("target/demo-cards.csv"));
        assertThat(cards).hasSize(246);
        Map<String, String> codeOf = new HashMap<>();
        cards.stream().skip(1).map(line -> line.split(",")).forEach(f -> codeOf.put(f[0], f[2]));

        TestApi api = api();
        api.post("/api/motions/doan-chu-tich/open", "");
        api.post("/api/motions/nghi-quyet/open", "");
        for (int d = 1; d <= 123; d++) {
            String delegate = String.format("D%03d", d);
            api.signIn("cantho-7", delegate, codeOf.get(delegate));
            String onPresidium = d <= 122 ? "AGREE" : "DISAGREE";
            assertThat(api.asDelegate(
                                    "cantho-7",
                                    delegate,
                                    "/api/motions/doan-chu-tich/votes",
                                    "{\"choice\":\"" + onPresidium + "\"}")
                            .statusCode())
                    .isEqualTo(201);
            assertThat(api.asDelegate("cantho-7", delegate, "/api/motions/nghi-quyet/votes", "{\"choice\":\"AGREE\"}")
                            .statusCode())
                    .isEqualTo(201);
        }
        api.post("/api/motions/doan-chu-tich/close", "");
        api.post("/api/motions/nghi-quyet/close", "");

        JsonNode presidium = closed("doan-chu-tich");
        assertThat(presidium.get("agree").asLong()).isEqualTo(122);
        assertThat(presidium.get("baseCount").asLong()).isEqualTo(245);
        assertThat(presidium.get("threshold").asLong()).isEqualTo(123);
        assertThat(presidium.get("adopted").asBoolean()).isFalse();
        JsonNode resolution = closed("nghi-quyet");
        assertThat(resolution.get("agree").asLong()).isEqualTo(123);
        assertThat(resolution.get("adopted").asBoolean()).isTrue();
    }

    private JsonNode closed(String motion) throws Exception {
        return JSON.readTree(jdbc.queryForObject(
                "SELECT convert_from(payload, 'UTF8') FROM domainevententry WHERE "
                        + "aggregateidentifier = ? AND payloadtype LIKE '%MotionClosedEvent'",
                String.class, motion));
    }

    private long count(String aggregate, String type) {
        Long n = jdbc.queryForObject(
                "SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype " + "LIKE ?",
                Long.class,
                aggregate,
                "%" + type);
        return n == null ? 0 : n;
    }
}

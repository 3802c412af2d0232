package org.congressvote.command.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.congressvote.command.RealServersTest;
import org.congressvote.testsupport.Answer;
import org.junit.jupiter.api.Test;

/** The secretaries' audit on the real PostgreSQL: read the log, export it, and catch an altered event. */
class AuditIntegrationTest extends RealServersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void alteringOneStoredEventBreaksTheChainAtExactlyThatPosition() throws Exception {
        String congress = convene(6);
        long stored = jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
        JsonNode intact = awaitChained(stored);
        assertThat(intact.get("intact").asBoolean()).isTrue();
        assertThat(intact.get("headHash").asText()).hasSize(64);

        // An operator edits a registration directly in the event store: D003 becomes someone else.
        Long victim = jdbc.queryForObject(
                "SELECT globalindex FROM domainevententry WHERE aggregateidentifier = ? "
                        + "AND payloadtype LIKE '%DelegateRegisteredEvent' ORDER BY sequencenumber OFFSET 2 LIMIT 1",
                Long.class, congress);
        Long position =
                jdbc.queryForObject("SELECT position FROM event_chain WHERE global_index = ?", Long.class, victim);
        byte[] original =
                jdbc.queryForObject("SELECT payload FROM domainevententry WHERE globalindex = ?", byte[].class, victim);
        try {
            jdbc.update(
                    "UPDATE domainevententry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), "
                            + "'Đại biểu 3', 'Kẻ giả mạo'), 'UTF8') WHERE globalindex = ?",
                    victim);
            JsonNode broken = get("/api/audit/verify");
            assertThat(broken.get("intact").asBoolean()).isFalse();
            assertThat(broken.get("brokenAtGlobalIndex").asLong()).isEqualTo(victim);
            assertThat(broken.get("brokenAtPosition").asLong()).isEqualTo(position);
            assertThat(broken.get("chained").asLong()).isEqualTo(position - 1);
        } finally {
            jdbc.update("UPDATE domainevententry SET payload = ? WHERE globalindex = ?", original, victim);
        }
        assertThat(get("/api/audit/verify").get("intact").asBoolean()).isTrue();
    }

    @Test
    void logIsReadInOrderWithFiltersAndPages() throws Exception {
        String congress = convene(4);
        JsonNode byDelegate = get("/api/audit/events?delegate=D002&limit=50");
        assertThat(byDelegate.get("events"))
                .isNotEmpty()
                .allSatisfy(e ->
                        assertThat(e.get("data").get("delegateId").asText()).isEqualTo("D002"));
        assertThat(byDelegate.get("events"))
                .extracting(e -> e.get("type").asText())
                .contains("DelegateRegisteredEvent", "CredentialsAcceptedEvent", "DelegateCheckedInEvent");

        JsonNode first = get("/api/audit/events?type=DelegateCheckedInEvent&limit=2");
        assertThat(first.get("events")).hasSize(2);
        long next = first.get("next").asLong();
        JsonNode second = get("/api/audit/events?type=DelegateCheckedInEvent&limit=2&after=" + next);
        assertThat(second.get("events").get(0).get("position").asLong()).isGreaterThan(next);
        assertThat(first.get("events").get(0).get("role").asText()).isEqualTo("secretariat");
        assertThat(first.get("events").get(0).get("actor").asText()).isEqualTo("admin");

        Answer csv = api().send("GET", "/api/audit/events.csv?delegate=D001", null, api().admin());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body())
                .contains("position,type,time")
                .contains("DelegateCheckedInEvent")
                .contains(congress);
        Answer jsonl = api().send("GET", "/api/audit/events.jsonl?type=SessionOpenedEvent", null, api().admin());
        assertThat(jsonl.body().lines())
                .allSatisfy(line ->
                        assertThat(JSON.readTree(line).get("type").asText()).isEqualTo("SessionOpenedEvent"));

        Answer badTime = api().send("GET", "/api/audit/events?from=yesterday", null, api().admin());
        assertThat(badTime.statusCode()).isEqualTo(400);
    }

    @Test
    void minutesOfAClosedMotionComeFromTheLogAndPrintInVietnamese() throws Exception {
        String congress = convene(5);
        String motion = congress + "-nq";
        post(
                "/api/congresses/" + congress + "/motions",
                "{\"motionId\":\"" + motion + "\",\"title\":\"Thông qua Nghị quyết Đại hội\",\"kind\":\"RESOLUTION\"}");
        post("/api/motions/" + motion + "/open", "");
        for (int d = 1; d <= 5; d++) {
            assertThat(api().asDelegate(
                                    congress,
                                    "D00" + d,
                                    "/api/motions/" + motion + "/votes",
                                    "{\"choice\":\"" + (d <= 3 ? "AGREE" : d == 4 ? "DISAGREE" : "ABSTAIN") + "\"}")
                            .statusCode())
                    .isEqualTo(201);
        }
        Answer early = api().send("GET", "/api/minutes/motions/" + motion, null, api().admin());
        assertThat(early.statusCode()).isEqualTo(409);
        post("/api/motions/" + motion + "/close", "");

        JsonNode[] minutes = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Answer r = api().send("GET", "/api/minutes/motions/" + motion, null, api().admin());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            minutes[0] = JSON.readTree(r.body());
        });
        JsonNode m = minutes[0];
        assertThat(m.get("summoned").asLong()).isEqualTo(5);
        assertThat(m.get("present").asLong()).isEqualTo(5);
        assertThat(m.get("threshold").asLong()).isEqualTo(3);
        assertThat(m.get("outcome").asText()).isEqualTo("ADOPTED");
        assertThat(m.get("counts").get(0).get("votes").asLong()).isEqualTo(3);
        String chainAtClose = jdbc.queryForObject(
                "SELECT encode(c.hash, 'hex') FROM event_chain c JOIN domainevententry e "
                        + "ON e.globalindex = c.global_index WHERE e.aggregateidentifier = ? AND e.payloadtype LIKE '%MotionClosedEvent'",
                String.class, motion);
        assertThat(m.get("logHeadHash").asText()).isEqualTo(chainAtClose);

        HttpResponse<byte[]> pdf = api().download("/api/minutes/motions/" + motion + ".pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "minutes"));
        java.nio.file.Files.write(
                java.nio.file.Path.of("target", "minutes", "bien-ban-" + motion + ".pdf"), pdf.body());
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
            assertThat(text)
                    .contains("BIÊN BẢN KIỂM PHIẾU")
                    .contains("Thông qua Nghị quyết Đại hội")
                    .contains("THÔNG QUA")
                    .contains("Tán thành")
                    .contains(chainAtClose)
                    .contains("ĐẢNG CỘNG SẢN VIỆT NAM")
                    .contains("BAN KIỂM PHIẾU");
            assertThat(doc.getPage(0).getResources().getFontNames()).isNotEmpty();
            // the signed tree head is on paper as a QR code too: scanned, it gives the head the minutes print
            JsonNode head = m.get("treeHead");
            String scanned = org.congressvote.command.minutes.QrScanner.scan(doc);
            assertThat(scanned)
                    .startsWith("congress-vote tree head v1\n")
                    .contains("size " + head.get("size").asLong() + "\n")
                    .contains("root " + head.get("rootHash").asText() + "\n")
                    .contains("signature " + head.get("signature").asText());
        }
    }

    private JsonNode awaitChained(long events) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            last[0] = get("/api/audit/verify");
            assertThat(last[0].get("chained").asLong()).isGreaterThanOrEqualTo(events);
        });
        return last[0];
    }

    private String convene(int delegates) throws Exception {
        String congress = "audit-" + UUID.randomUUID().toString().substring(0, 8);
        post("/api/congresses", "{\"congressId\":\"" + congress + "\",\"name\":\"Đại hội\"}");
        for (int d = 1; d <= delegates; d++) {
            post(
                    "/api/congresses/" + congress + "/delegates",
                    "{\"delegateId\":\"D00" + d + "\",\"fullName\":\"Đại biểu " + d + "\",\"organisation\":\"SYT\"}");
            post("/api/congresses/" + congress + "/delegates/D00" + d + "/credentials", "{\"decision\":\"ACCEPT\"}");
        }
        post("/api/congresses/" + congress + "/credentials/complete", "");
        post("/api/congresses/" + congress + "/session/open", "");
        for (int d = 1; d <= delegates; d++) {
            api().checkInAndSignIn(congress, "D00" + d);
        }
        return congress;
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private JsonNode get(String path) throws Exception {
        Answer response = api().send("GET", path, null, api().admin());
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private void post(String path, String body) throws Exception {
        Answer response = api().send("POST", path, body, api().admin());
        assertThat(response.statusCode()).as(path + " " + response.body()).isBetween(200, 201);
    }
}

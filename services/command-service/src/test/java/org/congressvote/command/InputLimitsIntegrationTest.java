package org.congressvote.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.congressvote.testsupport.Answer;
import org.junit.jupiter.api.Test;

/**
 * The input limits of docs/api.md ("Input limits") through the real service: what used to be answered 201 without
 * being stored, or with a 5xx, is a 4xx problem naming the field, and nothing reaches the event log.
 */
class InputLimitsIntegrationTest extends RealServersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private String convened() throws Exception {
        String congress = "limits-" + UUID.randomUUID().toString().substring(0, 8);
        api().post("/api/congresses", "{\"congressId\":\"" + congress + "\",\"name\":\"Đại hội thử\"}");
        return congress;
    }

    private long events() {
        Long n = jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
        return n == null ? 0 : n;
    }

    private static JsonNode problem(Answer response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        return JSON.readTree(response.body());
    }

    @Test
    void aDelegateNameOverTheLimitOrWithANulIsRefusedWithA400NamingTheField() throws Exception {
        String congress = convened();
        long before = events();
        for (String name : new String[] {"Đ".repeat(256), "Nguyễn\u0000Văn A", "Trần\u0007Thị B"}) {
            Answer response = api().send(
                            "POST",
                            "/api/congresses/" + congress + "/delegates",
                            JSON.writeValueAsString(
                                    Map.of("delegateId", "D001", "fullName", name, "organisation", "Chi bộ 1")),
                            api().admin());
            JsonNode problem = problem(response, 400);
            assertThat(problem.get("code").asText()).isEqualTo("INVALID_REQUEST");
            assertThat(problem.get("field").asText()).isEqualTo("fullName");
        }
        assertThat(events()).isEqualTo(before);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM delegate_gate WHERE congress_id = ?", Long.class, congress))
                .isZero();
    }

    @Test
    void aRosterRowOverTheLimitOrWithANulIsReportedByRowAndField() throws Exception {
        String congress = convened();
        long before = events();
        String csv = "code,full_name,organisation,kind\nD001,Nguyễn Văn A,Chi bộ 1,official\n" + "D002,"
                + "Đ".repeat(256) + ",Chi bộ 1,official\nD003,Lê\u0000Văn C,Chi bộ 1,official\n";
        JsonNode problem = problem(
                api().sendBytes(
                                "POST",
                                "/api/congresses/" + congress + "/roster",
                                csv.getBytes(StandardCharsets.UTF_8),
                                "text/csv",
                                api().admin()),
                422);
        assertThat(problem.get("rows")).hasSize(2);
        assertThat(problem.get("rows").get(0).get("row").asInt()).isEqualTo(3);
        assertThat(problem.get("rows").get(0).get("problem").asText()).contains("full_name", "200");
        assertThat(problem.get("rows").get(1).get("row").asInt()).isEqualTo(4);
        assertThat(problem.get("rows").get(1).get("problem").asText()).contains("full_name", "control character");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void aRosterReportListsTheFirstHundredProblemsAndCountsTheRest() throws Exception {
        String congress = convened();
        StringBuilder csv = new StringBuilder("code,full_name,organisation,kind\n");
        int rows = 0;
        while (csv.length() < 200_000) {
            csv.append("D")
                    .append(rows++)
                    .append(",Name,")
                    .append("X".repeat(150))
                    .append(',')
                    .append("Y".repeat(150))
                    .append('\n');
        }
        Answer response = api().sendBytes(
                        "POST",
                        "/api/congresses/" + congress + "/roster",
                        csv.toString().getBytes(StandardCharsets.UTF_8),
                        "text/csv",
                        api().admin());
        JsonNode problem = problem(response, 422);
        assertThat(problem.get("rows")).hasSize(100);
        assertThat(problem.get("moreProblems").asInt()).isEqualTo(rows - 100);
        assertThat(response.body().length()).isLessThan(100_000);
    }

    @Test
    void aChunkedRosterPastTheLimitIsRefusedWith413() throws Exception {
        String congress = convened();
        long before = events();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(60_000);
            InputStream in = socket.getInputStream();
            CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> {
                ByteArrayOutputStream read = new ByteArrayOutputStream();
                byte[] buffer = new byte[8192];
                try {
                    for (int n; (n = in.read(buffer)) != -1; ) {
                        read.write(buffer, 0, n);
                        if (read.toString(StandardCharsets.UTF_8).contains("}")) {
                            break;
                        }
                    }
                } catch (Exception e) {
                    // the server closes the connection once it has answered
                }
                return read.toString(StandardCharsets.UTF_8);
            });
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/congresses/" + congress + "/roster HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            + "Authorization: Bearer " + api().admin() + "\r\nContent-Type: text/csv\r\n"
                            + "Transfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[1 << 20];
            Arrays.fill(chunk, (byte) 'x');
            try {
                for (int i = 0; i < 24 && !answer.isDone(); i++) {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (Exception e) {
                // refused mid-body: the answer is already on its way
            }
            String response = answer.get(60, TimeUnit.SECONDS);
            assertThat(response).startsWith("HTTP/1.1 413").contains("application/problem+json");
        }
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void getErrorIsANotFoundProblem() throws Exception {
        problem(api().send("GET", "/error", null, null), 404);
        problem(api().send("GET", "/error", null, api().admin()), 404);
    }

    @Test
    void absurdUsernamesAtSignInAreRefusedWithoutA5xx() throws Exception {
        for (String username : new String[] {"u".repeat(124), "ad\u0000min", "x".repeat(5000)}) {
            Answer response = api().send(
                            "POST",
                            "/api/auth/login",
                            JSON.writeValueAsString(Map.of("username", username, "password", "whatever-password")),
                            null);
            JsonNode problem = problem(response, 400);
            assertThat(problem.get("field").asText()).isEqualTo("username");
        }
    }

    @Test
    void auditDatesOutOfRangeAreA400() throws Exception {
        for (String from : new String[] {"+999999999-01-01T00:00:00Z", "1000-01-01T00:00:00Z", "not-a-date"}) {
            JsonNode problem = problem(
                    api().send(
                                    "GET",
                                    "/api/audit/events?from=" + URLEncoder.encode(from, StandardCharsets.UTF_8),
                                    null,
                                    api().admin()),
                    400);
            assertThat(problem.get("field").asText()).isEqualTo("from");
        }
        JsonNode problem = problem(
                api().send("GET", "/api/audit/events?to=%2B999999999-01-01T00:00:00Z", null, api().admin()), 400);
        assertThat(problem.get("field").asText()).isEqualTo("to");
        problem = problem(api().send("GET", "/api/audit/events?delegate=D%00", null, api().admin()), 400);
    }

    @Test
    void aPasswordOver72BytesIsA400NamingTheField() throws Exception {
        String password = "ệ".repeat(27); // 27 characters, 81 bytes in UTF-8
        for (String path : new String[] {"/api/auth/accounts", "/api/auth/login"}) {
            Map<String, String> body = path.endsWith("accounts")
                    ? Map.of("username", "limits-clerk", "password", password, "role", "COUNTING")
                    : Map.of("username", "limits-clerk", "password", password);
            Answer response = api().send("POST", path, JSON.writeValueAsString(body), api().admin());
            JsonNode problem = problem(response, 400);
            assertThat(problem.get("field").asText()).as(path).isEqualTo("password");
        }
    }
}

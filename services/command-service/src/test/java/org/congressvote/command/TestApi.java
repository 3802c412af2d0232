package org.congressvote.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The command-service's HTTP API as its users call it: staff signed in with a password, delegates with their card. */
public final class TestApi {

    public static final String ADMIN_PASSWORD = "test-admin-password-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final Map<String, String> delegateTokens = new ConcurrentHashMap<>();
    private String adminToken;

    public TestApi(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public synchronized String admin() throws Exception {
        if (adminToken == null) {
            HttpResponse<String> login = send(
                    "POST",
                    "/api/auth/login",
                    "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}",
                    null);
            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
            adminToken = JSON.readTree(login.body()).get("token").asText();
        }
        return adminToken;
    }

    /** POST as the secretariat; asserts a 2xx answer. */
    public JsonNode post(String path, String json) throws Exception {
        HttpResponse<String> response = send("POST", path, json, admin());
        assertThat(response.statusCode()).as(path + " -> " + response.body()).isBetween(200, 201);
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    /** Checks a delegate in and signs them in on "their phone" with the code from their card. */
    public String checkInAndSignIn(String congress, String delegate) throws Exception {
        JsonNode checkedIn = post("/api/congresses/" + congress + "/delegates/" + delegate + "/check-in", "");
        return signIn(congress, delegate, checkedIn.get("credentialCode").asText());
    }

    public String signIn(String congress, String delegate, String code) throws Exception {
        HttpResponse<String> session = send("POST", "/api/auth/delegate", "{\"code\":\"" + code + "\"}", null);
        assertThat(session.statusCode()).as(session.body()).isEqualTo(200);
        String token = JSON.readTree(session.body()).get("token").asText();
        delegateTokens.put(congress + "/" + delegate, token);
        return token;
    }

    public String tokenOf(String congress, String delegate) {
        return delegateTokens.get(congress + "/" + delegate);
    }

    /** POST as the delegate themselves. */
    public HttpResponse<String> asDelegate(String congress, String delegate, String path, String json)
            throws Exception {
        return send("POST", path, json, tokenOf(congress, delegate));
    }

    public HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        return sendBytes(
                method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), "application/json", token);
    }

    public HttpResponse<String> sendBytes(String method, String path, byte[] body, String contentType, String token)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public JsonNode get(String path) throws Exception {
        HttpResponse<String> response = send("GET", path, null, admin());
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** A congress in session with {@code delegates} officials D001..., credentials accepted, all checked in and signed in. */
    public void convene(String congress, int delegates) throws Exception {
        post("/api/congresses", "{\"congressId\":\"" + congress + "\",\"name\":\"Đại hội thử\"}");
        for (int d = 1; d <= delegates; d++) {
            post(
                    "/api/congresses/" + congress + "/delegates",
                    "{\"delegateId\":\"" + delegateId(d) + "\",\"fullName\":\"Đại biểu " + d
                            + "\",\"organisation\":\"Chi bộ " + (d % 5) + "\"}");
            post(
                    "/api/congresses/" + congress + "/delegates/" + delegateId(d) + "/credentials",
                    "{\"decision\":\"ACCEPT\"}");
        }
        post("/api/congresses/" + congress + "/credentials/complete", "");
        post("/api/congresses/" + congress + "/session/open", "");
        for (int d = 1; d <= delegates; d++) {
            checkInAndSignIn(congress, delegateId(d));
        }
    }

    public static String delegateId(int d) {
        return String.format("D%03d", d);
    }
}

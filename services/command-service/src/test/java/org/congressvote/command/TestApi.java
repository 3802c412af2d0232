package org.congressvote.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.congressvote.testsupport.Answer;
import org.congressvote.testsupport.CongressApi;

/**
 * The command-service's users as its integration tests need them, on the shared API client: the administrator signed
 * in once, each delegate's phone session by congress and delegate, and a congress convened in one call.
 */
public final class TestApi {

    public static final String ADMIN_PASSWORD = "test-admin-password-1";

    private final CongressApi anonymous;
    private final Map<String, String> delegateTokens = new ConcurrentHashMap<>();
    private CongressApi staff;

    public TestApi(int port) {
        this.anonymous = new CongressApi("http://127.0.0.1:" + port);
    }

    public synchronized String admin() throws Exception {
        if (staff == null) {
            staff = new CongressApi(anonymous.baseUrl()).signInAsStaff("admin", ADMIN_PASSWORD);
        }
        return staff.token();
    }

    /** POST as the secretariat; asserts a 2xx answer. */
    public JsonNode post(String path, String json) throws Exception {
        Answer response = send("POST", path, json, admin());
        assertThat(response.statusCode()).as(path + " -> " + response.body()).isBetween(200, 201);
        return response.body().isEmpty() ? CongressApi.JSON.nullNode() : response.json();
    }

    /** Checks a delegate in and signs them in on "their phone" with the code from their card. */
    public String checkInAndSignIn(String congress, String delegate) throws Exception {
        admin();
        return signIn(congress, delegate, staff.checkIn(congress, delegate));
    }

    public String signIn(String congress, String delegate, String code) throws Exception {
        String token = anonymous.phone(code).token();
        delegateTokens.put(congress + "/" + delegate, token);
        return token;
    }

    public String tokenOf(String congress, String delegate) {
        return delegateTokens.get(congress + "/" + delegate);
    }

    /** POST as the delegate themselves. */
    public Answer asDelegate(String congress, String delegate, String path, String json) throws Exception {
        return send("POST", path, json, tokenOf(congress, delegate));
    }

    public Answer send(String method, String path, String body, String token) throws Exception {
        return sendBytes(
                method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), "application/json", token);
    }

    public Answer sendBytes(String method, String path, byte[] body, String contentType, String token)
            throws Exception {
        return new CongressApi(anonymous.baseUrl()).withToken(token).send(method, path, contentType, body);
    }

    /** GET as the secretariat; asserts a 200 answer. */
    public JsonNode get(String path) throws Exception {
        Answer response = send("GET", path, null, admin());
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
        return response.json();
    }

    /** A file (a PDF) as the secretariat downloads it, bytes and headers. */
    public HttpResponse<byte[]> download(String path) throws Exception {
        admin();
        return staff.download(path);
    }

    /** A congress in session with {@code delegates} officials D001..., credentials accepted, all checked in and signed in. */
    public void convene(String congress, int delegates) throws Exception {
        admin();
        staff.createCongress(congress, "Đại hội thử");
        for (int d = 1; d <= delegates; d++) {
            staff.registerDelegate(congress, delegateId(d), "Đại biểu " + d, "Chi bộ " + (d % 5));
            staff.acceptCredentials(congress, delegateId(d));
        }
        staff.completeCredentials(congress);
        staff.openSession(congress);
        for (int d = 1; d <= delegates; d++) {
            checkInAndSignIn(congress, delegateId(d));
        }
    }

    public static String delegateId(int d) {
        return String.format("D%03d", d);
    }
}

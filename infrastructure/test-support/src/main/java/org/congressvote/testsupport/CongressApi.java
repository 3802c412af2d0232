package org.congressvote.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The two services' HTTP API as one caller uses it (the secretariat, one delegate's phone, a public viewer), as curl
 * or a browser would: JSON in and out, a session token from signing in, problem answers (RFC 9457) thrown as
 * {@link ApiProblem} with their code. The base address is asked for on every request, so a caller follows a restarted
 * or another service instance; connection errors surface as {@link IOException}, as a phone would see them. Every
 * caller of a JVM shares one HTTP/1.1 connection pool: sockets to a killed instance fail and are replaced.
 */
public final class CongressApi {

    public static final ObjectMapper JSON = new ObjectMapper();

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final Supplier<String> base;
    private volatile Duration timeout = Duration.ofSeconds(30);
    private volatile String token;

    public CongressApi(Supplier<String> base) {
        this.base = base;
    }

    public CongressApi(String base) {
        this(() -> base);
    }

    /** The shared HTTP client, for a caller that streams (the live stream) or measures with its own requests. */
    public static HttpClient httpClient() {
        return CLIENT;
    }

    /** How long a request may take before it fails with {@link java.net.http.HttpTimeoutException}. */
    public CongressApi timeout(Duration requestTimeout) {
        this.timeout = requestTimeout;
        return this;
    }

    public CongressApi withToken(String sessionToken) {
        this.token = sessionToken;
        return this;
    }

    public String token() {
        return token;
    }

    public String baseUrl() {
        return base.get();
    }

    // --- signing in ------------------------------------------------------------------------------------------------

    /** Signs in as a member of staff with a password; later requests carry the session. */
    public CongressApi signInAsStaff(String username, String password) throws IOException, InterruptedException {
        return withToken(new CongressApi(base)
                .postOk("/api/auth/login", object().put("username", username).put("password", password))
                .get("token")
                .asText());
    }

    /** Signs in as a delegate with the one-time code from their card, as their phone does. */
    public CongressApi signInWithCard(String code) throws IOException, InterruptedException {
        return withToken(new CongressApi(base)
                .postOk("/api/auth/delegate", object().put("code", code))
                .get("token")
                .asText());
    }

    /** A new caller on the same service, signed in with a delegate's card (their phone). */
    public CongressApi phone(String cardCode) throws IOException, InterruptedException {
        return new CongressApi(base).timeout(timeout).signInWithCard(cardCode);
    }

    // --- requests --------------------------------------------------------------------------------------------------

    /** A request to {@code path} with this caller's timeout and session, for what the calls below do not cover. */
    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(base.get() + path)).timeout(timeout);
        String t = token;
        return t == null ? builder : builder.header("Authorization", "Bearer " + t);
    }

    public Answer send(String method, String path, String contentType, byte[] body)
            throws IOException, InterruptedException {
        return send(build(method, path, contentType, body));
    }

    /** A request built by the caller (a header of its own, a method the calls here do not send), on the shared pool. */
    public static Answer send(HttpRequest request) throws IOException, InterruptedException {
        return answer(CLIENT.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    /** The same request without waiting (a set-up of thousands of delegates); a failed connection fails the future. */
    public CompletableFuture<Answer> sendAsync(String method, String path, String contentType, byte[] body) {
        return CLIENT.sendAsync(build(method, path, contentType, body), HttpResponse.BodyHandlers.ofString())
                .thenApply(CongressApi::answer);
    }

    public Answer get(String path) throws IOException, InterruptedException {
        return send("GET", path, null, null);
    }

    public Answer post(String path, String json) throws IOException, InterruptedException {
        return send("POST", path, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    public Answer post(String path, JsonNode json) throws IOException, InterruptedException {
        return post(path, json.toString());
    }

    public Answer postCsv(String path, String csv) throws IOException, InterruptedException {
        return send("POST", path, "text/csv", csv.getBytes(StandardCharsets.UTF_8));
    }

    /** The JSON of a 2xx answer to a GET; any other answer is thrown as an {@link ApiProblem}. */
    public JsonNode getOk(String path) throws IOException, InterruptedException {
        return get(path).ok("GET " + path);
    }

    /** A file (a PDF) as it was answered, bytes and headers, whatever the status. */
    public HttpResponse<byte[]> download(String path) throws IOException, InterruptedException {
        return CLIENT.send(build("GET", path, null, null), HttpResponse.BodyHandlers.ofByteArray());
    }

    public JsonNode postOk(String path, String json) throws IOException, InterruptedException {
        return post(path, json).ok("POST " + path);
    }

    public JsonNode postOk(String path, JsonNode json) throws IOException, InterruptedException {
        return postOk(path, json.toString());
    }

    /** A POST without a body (open, close, check-in): an empty JSON body, as the pages send. */
    public JsonNode postOk(String path) throws IOException, InterruptedException {
        return postOk(path, "");
    }

    // --- the common calls ------------------------------------------------------------------------------------------

    public JsonNode createCongress(String congressId, String name) throws IOException, InterruptedException {
        return postOk("/api/congresses", object().put("congressId", congressId).put("name", name));
    }

    /** Imports a roster ({@code code,full_name,organisation,kind} CSV, with its header line). */
    public JsonNode importRoster(String congressId, String csv) throws IOException, InterruptedException {
        return postCsv("/api/congresses/" + congressId + "/roster", csv).ok("roster of " + congressId);
    }

    public JsonNode registerDelegate(String congressId, String delegateId, String fullName, String organisation)
            throws IOException, InterruptedException {
        return postOk(
                "/api/congresses/" + congressId + "/delegates",
                object().put("delegateId", delegateId).put("fullName", fullName).put("organisation", organisation));
    }

    public JsonNode acceptCredentials(String congressId, String delegateId) throws IOException, InterruptedException {
        return postOk(
                "/api/congresses/" + congressId + "/delegates/" + delegateId + "/credentials",
                object().put("decision", "ACCEPT"));
    }

    /** Accepts every delegate not yet decided on, in one command. */
    public JsonNode acceptPendingCredentials(String congressId) throws IOException, InterruptedException {
        return postOk("/api/congresses/" + congressId + "/credentials/accept-pending");
    }

    public JsonNode completeCredentials(String congressId) throws IOException, InterruptedException {
        return postOk("/api/congresses/" + congressId + "/credentials/complete");
    }

    public JsonNode openSession(String congressId) throws IOException, InterruptedException {
        return postOk("/api/congresses/" + congressId + "/session/open");
    }

    /** Checks a delegate in; the code printed on their card (first check-in only). */
    public String checkIn(String congressId, String delegateId) throws IOException, InterruptedException {
        return postOk("/api/congresses/" + congressId + "/delegates/" + delegateId + "/check-in")
                .path("credentialCode")
                .asText(null);
    }

    public JsonNode createMotion(String congressId, String motionId, String title)
            throws IOException, InterruptedException {
        return postOk(
                "/api/congresses/" + congressId + "/motions",
                object().put("motionId", motionId).put("title", title));
    }

    public JsonNode openMotion(String motionId) throws IOException, InterruptedException {
        return postOk("/api/motions/" + motionId + "/open");
    }

    public JsonNode closeMotion(String motionId) throws IOException, InterruptedException {
        return postOk("/api/motions/" + motionId + "/close");
    }

    /**
     * A delegate's vote (201, or a refusal the caller looks at: 409 ALREADY_VOTED, MOTION_NOT_OPEN, ...); without a
     * {@code requestId} (null) the server takes it as a new request.
     */
    public Answer vote(String motionId, String choice, String requestId) throws IOException, InterruptedException {
        ObjectNode body = object().put("choice", choice);
        if (requestId != null) {
            body.put("requestId", requestId);
        }
        return post("/api/motions/" + motionId + "/votes", body);
    }

    /** A delegate's ballot in round {@code roundId} ({@code ELECTION-rN}), keeping the names listed. */
    public Answer ballot(String roundId, List<String> kept, String requestId) throws IOException, InterruptedException {
        ObjectNode body = object().put("requestId", requestId);
        kept.forEach(body.putArray("kept")::add);
        return post("/api/rounds/" + roundId + "/ballots", body);
    }

    /** The query side's tally of a motion (with its result once closed). */
    public JsonNode tally(String motionId) throws IOException, InterruptedException {
        return getOk("/api/motions/" + motionId + "/tally");
    }

    /** The query side's view of an election: its rounds, and each closed round's result. */
    public JsonNode election(String electionId) throws IOException, InterruptedException {
        return getOk("/api/elections/" + electionId);
    }

    public JsonNode attendance(String congressId) throws IOException, InterruptedException {
        return getOk("/api/congresses/" + congressId + "/attendance");
    }

    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    private HttpRequest build(String method, String path, String contentType, byte[] body) {
        HttpRequest.Builder builder = request(path)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return builder.build();
    }

    private static Answer answer(HttpResponse<String> response) {
        return new Answer(response.statusCode(), response.body(), response.headers());
    }
}

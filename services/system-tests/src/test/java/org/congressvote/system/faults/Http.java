package org.congressvote.system.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A plain HTTP/1.1 client for one caller (staff or one delegate's phone). The base address is asked for on every
 * request, so that a caller follows a restarted or another service instance. Connection errors surface as
 * {@link IOException}, as a phone would see them.
 */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();
    /** One pool for every caller of the test JVM: sockets to a killed instance fail and are replaced. */
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3))
            .build();

    record Answer(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }
    }

    private final Supplier<String> base;
    private volatile String token;

    Http(Supplier<String> base) {
        this.base = base;
    }

    Http(String base) {
        this(() -> base);
    }

    Http withToken(String token) {
        this.token = token;
        return this;
    }

    String token() {
        return token;
    }

    Answer post(String path, String json) throws IOException, InterruptedException {
        return send(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    Answer postCsv(String path, String csv) throws IOException, InterruptedException {
        return send(request(path)
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv))
                .build());
    }

    Answer get(String path) throws IOException, InterruptedException {
        return send(request(path).GET().build());
    }

    JsonNode postOk(String path, String json) throws IOException, InterruptedException {
        return ok("POST " + path, post(path, json));
    }

    JsonNode getOk(String path) throws IOException, InterruptedException {
        return ok("GET " + path, get(path));
    }

    static JsonNode ok(String what, Answer answer) {
        if (answer.status() / 100 != 2) {
            throw new AssertionError(what + " -> " + answer.status() + " " + answer.body());
        }
        return answer.body().isEmpty() ? JSON.createObjectNode() : answer.json();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(base.get() + path)).timeout(Duration.ofSeconds(15));
        String t = token;
        return t == null ? builder : builder.header("Authorization", "Bearer " + t);
    }

    private static Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }
}

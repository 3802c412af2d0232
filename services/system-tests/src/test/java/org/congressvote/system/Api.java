package org.congressvote.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain HTTP client for the two services, as curl or a browser would use them. */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private volatile String token;

    Api(String base) {
        this.base = base;
    }

    /** Signs in as a member of staff; later requests carry the session. */
    Api signInAsStaff(String username, String password) throws Exception {
        token = postOk("/api/auth/login", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")
                .get("token")
                .asText();
        return this;
    }

    /** Signs in as a delegate with the one-time code from their card, as their phone does. */
    Api signInWithCard(String code) throws Exception {
        token = postOk("/api/auth/delegate", "{\"code\":\"" + code + "\"}")
                .get("token")
                .asText();
        return this;
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(
                request(path)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    JsonNode postOk(String path, String json) throws Exception {
        HttpResponse<String> response = post(path, json);
        if (response.statusCode() / 100 != 2) {
            throw new AssertionError("POST " + path + " -> " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode getJson(String path) throws Exception {
        HttpResponse<String> response = get(path);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " -> " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }
}

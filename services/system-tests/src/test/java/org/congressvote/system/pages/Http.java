package org.congressvote.system.pages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The secretariat's setup through the API, for the steps a browser test is not about. */
final class Http {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private String token;

    Http(String base) {
        this.base = base;
    }

    Http signIn(String username, String password) throws Exception {
        token = post("/api/auth/login", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")
                .get("token")
                .asText();
        return this;
    }

    /** A delegate's session, from the code on their card. */
    Http delegate(String cardCode) throws Exception {
        Http phone = new Http(base);
        phone.token = phone.post("/api/auth/delegate", "{\"code\":\"" + cardCode + "\"}")
                .get("token")
                .asText();
        return phone;
    }

    JsonNode post(String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new AssertionError("POST " + path + " -> " + response.statusCode() + " " + response.body());
        }
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    int getStatus(String path) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create(base + path))
                                .timeout(Duration.ofSeconds(10))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    String getText(String path) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? response.body() : "";
    }
}

package org.congressvote.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The two services' HTTP APIs as the bench uses them, and the (unmeasured) set-up of a congress: roster, credentials,
 * session, check-in and every delegate's card exchanged for a session, with bounded concurrency and time.
 */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    record Answer(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }
    }

    private final String commandUrl;
    private final String queryUrl;
    private String staffToken;

    Api(String commandUrl, String queryUrl) {
        this.commandUrl = commandUrl;
        this.queryUrl = queryUrl;
    }

    void signInAsStaff(String password) throws Exception {
        staffToken = ok(post(
                        commandUrl + "/api/auth/login",
                        null,
                        "{\"username\":\"admin\",\"password\":\"" + password + "\"}"))
                .get("token")
                .asText();
    }

    static HttpRequest voteRequest(String commandUrl, String motionId, String token, String choice, String requestId) {
        return HttpRequest.newBuilder(URI.create(commandUrl + "/api/motions/" + motionId + "/votes"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"choice\":\"" + choice + "\",\"requestId\":\"" + requestId + "\"}"))
                .build();
    }

    Answer post(String url, String token, String json) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .headers(auth(token))
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    Answer staffPost(String path, String json) throws Exception {
        return post(commandUrl + path, staffToken, json);
    }

    Answer staffGet(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(commandUrl + path))
                .timeout(Duration.ofSeconds(120))
                .headers(auth(staffToken))
                .GET()
                .build());
    }

    Answer queryGet(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(queryUrl + path))
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build());
    }

    private static String[] auth(String token) {
        return token == null ? new String[] {"X-Bench", "1"} : new String[] {"Authorization", "Bearer " + token};
    }

    static Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    static JsonNode ok(Answer answer) {
        if (answer.status() / 100 != 2) {
            throw new IllegalStateException(answer.status() + " " + answer.body());
        }
        return answer.body().isEmpty() ? JSON.createObjectNode() : answer.json();
    }

    /** A congress whose delegates are all checked in and signed in; their session tokens, in roster order. */
    record Congress(String congressId, List<String> delegateIds, String[] tokens) {}

    Congress setUpCongress(String congressId, int delegates, int concurrency, Duration bound) throws Exception {
        long deadline = System.nanoTime() + bound.toNanos();
        ok(staffPost(
                "/api/congresses", "{\"congressId\":\"" + congressId + "\",\"name\":\"Bench " + congressId + "\"}"));
        List<String> ids = new ArrayList<>(delegates);
        for (int d = 1; d <= delegates; d++) {
            ids.add(String.format("B%06d", d));
        }
        for (int from = 0; from < delegates; from += 10_000) {
            StringBuilder csv = new StringBuilder("code,full_name,organisation,kind\n");
            for (int d = from; d < Math.min(delegates, from + 10_000); d++) {
                csv.append(ids.get(d))
                        .append(",Delegate ")
                        .append(d + 1)
                        .append(",Org ")
                        .append(d % 97)
                        .append(",official\n");
            }
            ok(send(HttpRequest.newBuilder(URI.create(commandUrl + "/api/congresses/" + congressId + "/roster"))
                    .timeout(Duration.ofSeconds(300))
                    .header("Content-Type", "text/csv")
                    .header("Authorization", "Bearer " + staffToken)
                    .POST(HttpRequest.BodyPublishers.ofString(csv.toString()))
                    .build()));
        }
        long t = System.nanoTime();
        // the committee accepts the whole roster in one command (one event per delegate), as a real one would
        ok(staffPost("/api/congresses/" + congressId + "/credentials/accept-pending", ""));
        Bench.log("  %s: %d credentials accepted in %d s", congressId, delegates, secondsSince(t));
        ok(staffPost("/api/congresses/" + congressId + "/credentials/complete", ""));
        ok(staffPost("/api/congresses/" + congressId + "/session/open", ""));
        String[] codes = new String[delegates];
        t = System.nanoTime();
        forAll(
                ids,
                concurrency,
                deadline,
                (i, d) -> request(
                        commandUrl + "/api/congresses/" + congressId + "/delegates/" + d + "/check-in", staffToken, ""),
                (i, body) -> codes[i] = body.get("credentialCode").asText());
        Bench.log("  %s: %d checked in in %d s", congressId, delegates, secondsSince(t));
        String[] tokens = new String[delegates];
        t = System.nanoTime();
        forAll(
                ids,
                concurrency,
                deadline,
                (i, d) -> request(commandUrl + "/api/auth/delegate", null, "{\"code\":\"" + codes[i] + "\"}"),
                (i, body) -> tokens[i] = body.get("token").asText());
        Bench.log("  %s: %d cards exchanged for sessions in %d s", congressId, delegates, secondsSince(t));
        return new Congress(congressId, ids, tokens);
    }

    void openMotion(String congressId, String motionId) throws Exception {
        ok(staffPost(
                "/api/congresses/" + congressId + "/motions",
                "{\"motionId\":\"" + motionId + "\",\"title\":\"Bench " + motionId + "\"}"));
        ok(staffPost("/api/motions/" + motionId + "/open", ""));
    }

    void closeMotion(String motionId) throws Exception {
        ok(staffPost("/api/motions/" + motionId + "/close", ""));
    }

    private static HttpRequest request(String url, String token, String json) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .headers(auth(token))
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    interface RequestOf {
        HttpRequest of(int index, String delegateId);
    }

    interface OnAnswer {
        void accept(int index, JsonNode body);
    }

    /** 5xx answers retried during set-up (see the report's notes: a finding, not a bench failure). */
    static final java.util.concurrent.atomic.AtomicInteger SETUP_RETRIES =
            new java.util.concurrent.atomic.AtomicInteger();

    static volatile String firstSetupRetry;

    /**
     * One request per delegate, {@code concurrency} at a time; a 5xx is retried (up to 5 times, 200 ms apart); fails on
     * any other non-2xx answer or past the deadline.
     */
    private static void forAll(List<String> ids, int concurrency, long deadline, RequestOf requests, OnAnswer onAnswer)
            throws Exception {
        Semaphore permits = new Semaphore(concurrency);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int i = 0; i < ids.size() && failure.get() == null; i++) {
            if (!permits.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException("set-up did not finish within its time bound");
            }
            int index = i;
            CompletableFuture<HttpResponse<String>> sent = sendRetrying5xx(requests.of(i, ids.get(i)), 5);
            sent.whenComplete((response, error) -> {
                try {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    } else if (response.statusCode() / 100 != 2) {
                        failure.compareAndSet(
                                null,
                                new IllegalStateException(
                                        ids.get(index) + ": " + response.statusCode() + " " + response.body()));
                    } else if (onAnswer != null) {
                        onAnswer.accept(index, JSON.readTree(response.body()));
                    }
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                } finally {
                    permits.release();
                }
            });
        }
        if (!permits.tryAcquire(concurrency, Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            throw new IllegalStateException("set-up did not finish within its time bound");
        }
        permits.release(concurrency);
        if (failure.get() != null) {
            throw new IllegalStateException("set-up failed: " + failure.get(), failure.get());
        }
    }

    private static CompletableFuture<HttpResponse<String>> sendRetrying5xx(HttpRequest request, int retries) {
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenCompose(response -> {
            if (response.statusCode() < 500 || retries == 0) {
                return CompletableFuture.completedFuture(response);
            }
            SETUP_RETRIES.incrementAndGet();
            if (firstSetupRetry == null) {
                firstSetupRetry = request.uri().getPath() + " -> " + response.statusCode() + " " + response.body();
            }
            return CompletableFuture.supplyAsync(
                            () -> null, CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS))
                    .thenCompose(ignored -> sendRetrying5xx(request, retries - 1));
        });
    }

    static long secondsSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000_000L;
    }
}

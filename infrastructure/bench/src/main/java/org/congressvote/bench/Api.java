package org.congressvote.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.congressvote.testsupport.Answer;
import org.congressvote.testsupport.ApiProblem;
import org.congressvote.testsupport.CongressApi;

/**
 * The (unmeasured) set-up of a congress through the shared API client: roster, credentials, session, check-in and
 * every delegate's card exchanged for a session, with bounded concurrency and time.
 */
final class Api {

    private final String commandUrl;
    /** The secretariat; a roster of thousands and one command per delegate take long: generous timeouts. */
    private final CongressApi staff;

    private final CongressApi queries;

    Api(String commandUrl, String queryUrl) {
        this.commandUrl = commandUrl;
        this.staff = new CongressApi(commandUrl).timeout(Duration.ofSeconds(120));
        this.queries = new CongressApi(queryUrl).timeout(Duration.ofSeconds(30));
    }

    void signInAsStaff(String password) throws Exception {
        ok(() -> staff.signInAsStaff("admin", password));
    }

    Answer queryGet(String path) throws Exception {
        return queries.get(path);
    }

    interface Call<T> {
        T call() throws Exception;
    }

    /** A refused set-up step stops the run with an exception the bench reports (not an assertion). */
    static <T> T ok(Call<T> call) throws Exception {
        try {
            return call.call();
        } catch (ApiProblem problem) {
            throw new IllegalStateException(problem.getMessage(), problem);
        }
    }

    /** A congress whose delegates are all checked in and signed in; their session tokens, in roster order. */
    record Congress(String congressId, List<String> delegateIds, String[] tokens) {}

    Congress setUpCongress(String congressId, int delegates, int concurrency, Duration bound) throws Exception {
        long deadline = System.nanoTime() + bound.toNanos();
        ok(() -> staff.createCongress(congressId, "Bench " + congressId));
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
            CongressApi rosters =
                    new CongressApi(commandUrl).withToken(staff.token()).timeout(Duration.ofSeconds(300));
            ok(() -> rosters.importRoster(congressId, csv.toString()));
        }
        long t = System.nanoTime();
        // the committee accepts the whole roster in one command (one event per delegate), as a real one would
        ok(() -> staff.acceptPendingCredentials(congressId));
        Bench.log("  %s: %d credentials accepted in %d s", congressId, delegates, secondsSince(t));
        ok(() -> staff.completeCredentials(congressId));
        ok(() -> staff.openSession(congressId));
        String[] codes = new String[delegates];
        CongressApi desk = new CongressApi(commandUrl).withToken(staff.token()).timeout(Duration.ofSeconds(60));
        CongressApi phones = new CongressApi(commandUrl).timeout(Duration.ofSeconds(60));
        t = System.nanoTime();
        forAll(
                ids,
                concurrency,
                deadline,
                (i, d) -> desk.sendAsync(
                        "POST", "/api/congresses/" + congressId + "/delegates/" + d + "/check-in", JSON_TYPE, EMPTY),
                (i, body) -> codes[i] = body.get("credentialCode").asText());
        Bench.log("  %s: %d checked in in %d s", congressId, delegates, secondsSince(t));
        String[] tokens = new String[delegates];
        t = System.nanoTime();
        forAll(
                ids,
                concurrency,
                deadline,
                (i, d) -> phones.sendAsync(
                        "POST",
                        "/api/auth/delegate",
                        JSON_TYPE,
                        CongressApi.object().put("code", codes[i]).toString().getBytes(StandardCharsets.UTF_8)),
                (i, body) -> tokens[i] = body.get("token").asText());
        Bench.log("  %s: %d cards exchanged for sessions in %d s", congressId, delegates, secondsSince(t));
        return new Congress(congressId, ids, tokens);
    }

    void openMotion(String congressId, String motionId) throws Exception {
        ok(() -> staff.createMotion(congressId, motionId, "Bench " + motionId));
        ok(() -> staff.openMotion(motionId));
    }

    void closeMotion(String motionId) throws Exception {
        ok(() -> staff.closeMotion(motionId));
    }

    private static final String JSON_TYPE = "application/json";
    private static final byte[] EMPTY = new byte[0];

    interface RequestOf {
        CompletableFuture<Answer> send(int index, String delegateId);
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
            String delegateId = ids.get(i);
            CompletableFuture<Answer> sent = sendRetrying5xx(() -> requests.send(index, delegateId), delegateId, 5);
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
                        onAnswer.accept(index, response.json());
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

    private static CompletableFuture<Answer> sendRetrying5xx(
            java.util.function.Supplier<CompletableFuture<Answer>> request, String delegateId, int retries) {
        return request.get().thenCompose(response -> {
            if (response.statusCode() < 500 || retries == 0) {
                return CompletableFuture.completedFuture(response);
            }
            SETUP_RETRIES.incrementAndGet();
            if (firstSetupRetry == null) {
                firstSetupRetry = delegateId + " -> " + response.statusCode() + " " + response.body();
            }
            return CompletableFuture.supplyAsync(
                            () -> null, CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS))
                    .thenCompose(ignored -> sendRetrying5xx(request, delegateId, retries - 1));
        });
    }

    static long secondsSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000_000L;
    }
}

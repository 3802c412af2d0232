package org.congressvote.system.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * One seeded congress on a running system, as the fault tests meet it: the secretariat's session, the public query
 * API, the delegates' phones (checked in, signed in with their cards) and the event store the ledger reads. Shared by
 * the system the tests start piece by piece ({@link FaultSystem}) and the ones started by run-local.sh.
 */
abstract class Hall {

    final String congressId;
    final int delegateCount;
    final Http staff;
    final Http publicQueries;
    /** Delegate ids D0001.. with their phones' sessions, in roster order. */
    final List<String> delegates = new ArrayList<>();

    final List<String> delegateTokens = new ArrayList<>();

    private final Supplier<String> commandBase;

    Hall(String congressId, int delegateCount, Supplier<String> commandBase, Supplier<String> queryBase) {
        this.congressId = congressId;
        this.delegateCount = delegateCount;
        this.commandBase = commandBase;
        this.staff = new Http(commandBase);
        this.publicQueries = new Http(queryBase);
    }

    /** The event store (the legal record), read with SQL by {@link Ledger}. */
    abstract String jdbcUrl();

    /** Signs the administrator in, registers the congress, accepts every credential, checks everyone in. */
    void seedCongress(String adminPassword) throws Exception {
        staff.withToken(new Http(commandBase)
                .postOk("/api/auth/login", "{\"username\":\"admin\",\"password\":\"" + adminPassword + "\"}")
                .get("token")
                .asText());
        staff.postOk("/api/congresses", "{\"congressId\":\"" + congressId + "\",\"name\":\"Fault-test congress\"}");
        StringBuilder roster = new StringBuilder("code,full_name,organisation,kind\n");
        for (int d = 1; d <= delegateCount; d++) {
            delegates.add(String.format("D%04d", d));
            roster.append(delegates.get(d - 1))
                    .append(",Delegate ")
                    .append(d)
                    .append(",Org ")
                    .append(d % 17)
                    .append(",official\n");
        }
        Http.ok("roster", staff.postCsv("/api/congresses/" + congressId + "/roster", roster.toString()));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            forEach(
                    pool,
                    d -> staff.postOk(
                            "/api/congresses/" + congressId + "/delegates/" + d + "/credentials",
                            "{\"decision\":\"ACCEPT\"}"));
            staff.postOk("/api/congresses/" + congressId + "/credentials/complete", "");
            staff.postOk("/api/congresses/" + congressId + "/session/open", "");
            String[] tokens = new String[delegateCount];
            forEach(pool, d -> {
                String code = staff.postOk("/api/congresses/" + congressId + "/delegates/" + d + "/check-in", "")
                        .get("credentialCode")
                        .asText();
                tokens[delegates.indexOf(d)] = new Http(commandBase)
                        .postOk("/api/auth/delegate", "{\"code\":\"" + code + "\"}")
                        .get("token")
                        .asText();
            });
            delegateTokens.addAll(List.of(tokens));
        } finally {
            pool.shutdownNow();
        }
    }

    interface DelegateStep {
        void run(String delegateId) throws Exception;
    }

    private void forEach(ExecutorService pool, DelegateStep step) throws Exception {
        List<Future<?>> futures = new ArrayList<>();
        for (String d : delegates) {
            futures.add(pool.submit(() -> {
                step.run(d);
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
    }

    /** Creates and opens a motion of the seeded congress. */
    void openMotion(String motionId) throws Exception {
        staff.postOk(
                "/api/congresses/" + congressId + "/motions",
                "{\"motionId\":\"" + motionId + "\",\"title\":\"Fault test " + motionId + "\"}");
        staff.postOk("/api/motions/" + motionId + "/open", "");
    }

    /** Closes a motion, retrying while the command side recovers from a fault. */
    void closeMotion(String motionId) throws Exception {
        closeMotion(motionId, Duration.ofSeconds(60));
    }

    void closeMotion(String motionId, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                Http.Answer answer = staff.post("/api/motions/" + motionId + "/close", "");
                if (answer.status() / 100 == 2) {
                    return;
                }
                if (answer.status() < 500 || System.nanoTime() > deadline) {
                    throw new AssertionError("close " + motionId + " -> " + answer.status() + " " + answer.body());
                }
            } catch (java.io.IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            Thread.sleep(250);
        }
    }

    /** A phone of delegate {@code index} (0-based) talking to whichever instance {@code base} names. */
    Http phone(int index, Supplier<String> base) {
        return new Http(base).withToken(delegateTokens.get(index));
    }
}

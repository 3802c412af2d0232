package org.congressvote.system.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.congressvote.testsupport.Answer;
import org.congressvote.testsupport.CongressApi;

/**
 * One seeded congress on a running system, as the fault tests meet it: the secretariat's session, the public query
 * API, the delegates' phones (checked in, signed in with their cards) and the event store the ledger reads. Shared by
 * the system the tests start piece by piece ({@link FaultSystem}) and the ones started by run-local.sh.
 */
abstract class Hall {

    final String congressId;
    final int delegateCount;
    final CongressApi staff;
    final CongressApi publicQueries;
    /** Delegate ids D0001.. with their phones' sessions, in roster order. */
    final List<String> delegates = new ArrayList<>();

    final List<String> delegateTokens = new ArrayList<>();

    private final Supplier<String> commandBase;

    /** The fault tests' callers give up on a request after 15 s, as a phone's page would, and try again. */
    static CongressApi http(Supplier<String> base) {
        return new CongressApi(base).timeout(Duration.ofSeconds(15));
    }

    Hall(String congressId, int delegateCount, Supplier<String> commandBase, Supplier<String> queryBase) {
        this.congressId = congressId;
        this.delegateCount = delegateCount;
        this.commandBase = commandBase;
        this.staff = http(commandBase);
        this.publicQueries = http(queryBase);
    }

    /** The event store (the legal record), read with SQL by {@link Ledger}. */
    abstract String jdbcUrl();

    /** Signs the administrator in, registers the congress, accepts every credential, checks everyone in. */
    void seedCongress(String adminPassword) throws Exception {
        staff.signInAsStaff("admin", adminPassword);
        staff.createCongress(congressId, "Fault-test congress");
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
        staff.importRoster(congressId, roster.toString());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            forEach(pool, d -> staff.acceptCredentials(congressId, d));
            staff.completeCredentials(congressId);
            staff.openSession(congressId);
            String[] tokens = new String[delegateCount];
            forEach(pool, d -> {
                String code = staff.checkIn(congressId, d);
                tokens[delegates.indexOf(d)] =
                        http(commandBase).signInWithCard(code).token();
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
        staff.createMotion(congressId, motionId, "Fault test " + motionId);
        staff.openMotion(motionId);
    }

    /** Closes a motion, retrying while the command side recovers from a fault. */
    void closeMotion(String motionId) throws Exception {
        closeMotion(motionId, Duration.ofSeconds(60));
    }

    void closeMotion(String motionId, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                Answer answer = staff.post("/api/motions/" + motionId + "/close", "");
                if (answer.statusCode() / 100 == 2) {
                    return;
                }
                if (answer.statusCode() < 500 || System.nanoTime() > deadline) {
                    throw new AssertionError("close " + motionId + " -> " + answer.statusCode() + " " + answer.body());
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
    CongressApi phone(int index, Supplier<String> base) {
        return http(base).withToken(delegateTokens.get(index));
    }
}

package org.congressvote.system.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.congressvote.infra.RealServers;
import org.congressvote.system.SystemTestAdmin;

/**
 * The system the fault tests break: command-service and query-service as processes on the real PostgreSQL and Kafka
 * of {@link RealServers}, the query side's MongoDB-wire server in a process of its own (so that it can be killed),
 * and one congress of {@value #DELEGATES} delegates, checked in and signed in on their phones. Started once per test
 * JVM and shared by the fault tests; each test votes on motions of its own and leaves everything running again.
 */
final class FaultSystem {

    static final int DELEGATES = 400;
    /** Shared with every system test: they meet one PostgreSQL per JVM, whose first administrator is created once. */
    static final String ADMIN_PASSWORD = SystemTestAdmin.PASSWORD;

    static final String CONGRESS = "faults-congress";

    private static FaultSystem instance;

    final ServiceJvm commands;
    final ServiceJvm queries;
    final MongoWireProcess mongo;
    final Http staff;
    final Http publicQueries;
    /** Delegate ids D0001.. with their phones' sessions, in roster order. */
    final List<String> delegates = new ArrayList<>();

    final List<String> delegateTokens = new ArrayList<>();

    private FaultSystem(ServiceJvm commands, ServiceJvm queries, MongoWireProcess mongo) {
        this.commands = commands;
        this.queries = queries;
        this.mongo = mongo;
        this.staff = new Http(commands::baseUrl);
        this.publicQueries = new Http(queries::baseUrl);
    }

    static synchronized FaultSystem get() throws Exception {
        if (instance == null) {
            instance = start();
        }
        instance.ensureRunning();
        return instance;
    }

    private static FaultSystem start() throws Exception {
        long begin = System.nanoTime();
        Path base = Path.of("target", "faults-" + ProcessHandle.current().pid()).toAbsolutePath();
        MongoWireProcess mongo = new MongoWireProcess(base.resolve("mongo")).start();
        ServiceJvm commands = new ServiceJvm("command-service", "congress.commandServiceJar", commandArgs());
        ServiceJvm queries = new ServiceJvm(
                "query-service",
                "congress.queryServiceJar",
                List.of(
                        "--spring.data.mongodb.uri=" + mongo.uri() + "/congress",
                        "--axon.kafka.bootstrap-servers=" + RealServers.kafkaBootstrap()));
        FaultSystem system = new FaultSystem(commands, queries, mongo);
        Runtime.getRuntime().addShutdownHook(new Thread(system::stopQuietly, "fault-system-stopper"));
        commands.start();
        queries.start();
        commands.awaitHealthy(Duration.ofSeconds(300));
        queries.awaitHealthy(Duration.ofSeconds(300));
        system.seedCongress();
        System.out.printf(
                "FaultSystem: services up and congress of %d seeded in %d ms%n",
                DELEGATES, (System.nanoTime() - begin) / 1_000_000);
        return system;
    }

    /** The command-service arguments; a second instance on the same database uses the same ones. */
    static List<String> commandArgs() {
        return List.of(
                "--CONGRESS_ADMIN_PASSWORD=" + ADMIN_PASSWORD,
                "--spring.datasource.url=" + RealServers.jdbcUrl(),
                "--axon.kafka.bootstrap-servers=" + RealServers.kafkaBootstrap());
    }

    /** A test that failed half-way may leave a service down: the next test starts it again. */
    void ensureRunning() throws Exception {
        if (!RealServers.kafka().isRunning()) {
            RealServers.kafka().restart();
        }
        if (!RealServers.postgres().isRunning()) {
            RealServers.postgres().restart();
        }
        for (ServiceJvm service : List.of(commands, queries)) {
            if (!service.isAlive()) {
                service.start();
            }
            service.awaitHealthy(Duration.ofSeconds(300));
        }
    }

    private void seedCongress() throws Exception {
        staff.withToken(new Http(commands::baseUrl)
                .postOk("/api/auth/login", "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}")
                .get("token")
                .asText());
        staff.postOk("/api/congresses", "{\"congressId\":\"" + CONGRESS + "\",\"name\":\"Fault-test congress\"}");
        StringBuilder roster = new StringBuilder("code,full_name,organisation,kind\n");
        for (int d = 1; d <= DELEGATES; d++) {
            delegates.add(String.format("D%04d", d));
            roster.append(delegates.get(d - 1))
                    .append(",Delegate ")
                    .append(d)
                    .append(",Org ")
                    .append(d % 17)
                    .append(",official\n");
        }
        Http.ok("roster", staff.postCsv("/api/congresses/" + CONGRESS + "/roster", roster.toString()));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            forEach(
                    pool,
                    d -> staff.postOk(
                            "/api/congresses/" + CONGRESS + "/delegates/" + d + "/credentials",
                            "{\"decision\":\"ACCEPT\"}"));
            staff.postOk("/api/congresses/" + CONGRESS + "/credentials/complete", "");
            staff.postOk("/api/congresses/" + CONGRESS + "/session/open", "");
            String[] tokens = new String[DELEGATES];
            forEach(pool, d -> {
                String code = staff.postOk("/api/congresses/" + CONGRESS + "/delegates/" + d + "/check-in", "")
                        .get("credentialCode")
                        .asText();
                tokens[delegates.indexOf(d)] = new Http(commands::baseUrl)
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
                "/api/congresses/" + CONGRESS + "/motions",
                "{\"motionId\":\"" + motionId + "\",\"title\":\"Fault test " + motionId + "\"}");
        staff.postOk("/api/motions/" + motionId + "/open", "");
    }

    /** Closes a motion, retrying while the command side recovers from a fault. */
    void closeMotion(String motionId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
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
    Http phone(int index, java.util.function.Supplier<String> base) {
        return new Http(base).withToken(delegateTokens.get(index));
    }

    private void stopQuietly() {
        for (AutoCloseable c : List.<AutoCloseable>of(queries, commands, mongo)) {
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("FaultSystem: stopping failed: " + e);
            }
        }
    }
}

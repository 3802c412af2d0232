package org.congressvote.system.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.congressvote.infra.RealServers;
import org.congressvote.system.SystemTestAdmin;
import org.congressvote.testsupport.ServiceJvm;

/**
 * The system the fault tests break: command-service and query-service as processes on the real PostgreSQL and Kafka
 * of {@link RealServers}, the query side's MongoDB-wire server in a process of its own (so that it can be killed),
 * and one congress of {@value #DELEGATES} delegates, checked in and signed in on their phones. Started once per test
 * JVM and shared by the fault tests; each test votes on motions of its own and leaves everything running again.
 */
final class FaultSystem extends Hall {

    static final int DELEGATES = 400;
    /** Shared with every system test: they meet one PostgreSQL per JVM, whose first administrator is created once. */
    static final String ADMIN_PASSWORD = SystemTestAdmin.PASSWORD;

    static final String CONGRESS = "faults-congress";

    private static FaultSystem instance;

    final ServiceJvm commands;
    final ServiceJvm queries;
    final MongoWireProcess mongo;

    private FaultSystem(ServiceJvm commands, ServiceJvm queries, MongoWireProcess mongo) {
        super(CONGRESS, DELEGATES, commands::baseUrl, queries::baseUrl);
        this.commands = commands;
        this.queries = queries;
        this.mongo = mongo;
    }

    @Override
    String jdbcUrl() {
        return RealServers.jdbcUrl();
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
        ServiceJvm commands = service("command-service", "congress.commandServiceJar", commandArgs());
        ServiceJvm queries = service(
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
        system.seedCongress(ADMIN_PASSWORD);
        System.out.printf(
                "FaultSystem: services up and congress of %d seeded in %d ms%n",
                DELEGATES, (System.nanoTime() - begin) / 1_000_000);
        return system;
    }

    /**
     * A service of the fault tests, on a port of its own that stays its own across restarts; small, as the machine is
     * shared with the rest of the suite.
     */
    static ServiceJvm service(String name, String jarProperty, List<String> args) {
        ServiceJvm service = ServiceJvm.jar(name, ServiceJvm.jarOf(jarProperty))
                .jvmOptions(List.of(
                        "-Xmx384m",
                        "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1",
                        "-Xss512k",
                        "-Daxoniq.update-checker.disabled=true"))
                .args(args);
        return service.log(Path.of("target", "services", "faults-" + name + "-" + service.port() + ".log"));
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

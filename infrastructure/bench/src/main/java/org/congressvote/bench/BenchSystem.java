package org.congressvote.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.congressvote.infra.EmbeddedPostgresServer;
import org.congressvote.infra.KafkaBrokerProcess;
import org.congressvote.testsupport.ServiceJvm;

/**
 * The system under measurement, started by the bench itself on loopback with all data under one folder: PostgreSQL
 * (fsync and synchronous_commit on), a Kafka broker in its own JVM, the MongoDB-wire server (H2) in its own JVM, and
 * both services from their executable jars, each in its own JVM, recorded by Java Flight Recorder. Every child JVM's
 * stdin is a pipe held by the bench (a lifeline), its output in a log file under {@code logs/}.
 */
final class BenchSystem implements AutoCloseable {

    static final String TOPIC = "congress-events";
    static final String ADMIN_PASSWORD = "bench-admin-password";

    final Path dir;
    final EmbeddedPostgresServer postgres;
    final KafkaBrokerProcess kafka;
    final ServiceJvm mongo;
    final int mongoPort;
    final ServiceJvm commands;
    final ServiceJvm queries;
    final int livePort;
    final Path commandJar;
    final Path queryJar;

    private BenchSystem(
            Path dir,
            EmbeddedPostgresServer postgres,
            KafkaBrokerProcess kafka,
            ServiceJvm mongo,
            int mongoPort,
            ServiceJvm commands,
            ServiceJvm queries,
            int livePort,
            Path commandJar,
            Path queryJar) {
        this.dir = dir;
        this.postgres = postgres;
        this.kafka = kafka;
        this.mongo = mongo;
        this.mongoPort = mongoPort;
        this.commands = commands;
        this.queries = queries;
        this.livePort = livePort;
        this.commandJar = commandJar;
        this.queryJar = queryJar;
    }

    /** Starts the servers only; {@link #startServices()} follows once the raw limits are measured. */
    static BenchSystem startServers(Path dir, Path commandJar, Path queryJar) throws Exception {
        Files.createDirectories(dir);
        String classpath = System.getProperty("java.class.path");
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dir.resolve("postgres"), 0);
        KafkaBrokerProcess kafka = KafkaBrokerProcess.start(dir.resolve("kafka"), 0, 0, classpath);
        kafka.createTopic(TOPIC, 4);
        int mongoPort = ServiceJvm.freePort();
        ServiceJvm mongo = ServiceJvm.main("mongo", classpath, "org.congressvote.infra.MongoWireMain")
                .jvmOptions(List.of("-Xmx1g"))
                .args(List.of(
                        "--port",
                        Integer.toString(mongoPort),
                        "--data-dir",
                        dir.resolve("mongo").toString(),
                        "--exit-on-stdin-eof"))
                .log(dir.resolve("logs/mongo.log"))
                .stopGrace(Duration.ofSeconds(60));
        mongo.start();
        mongo.awaitLine("READY mongo", Duration.ofSeconds(60));
        ServiceJvm commands = service(dir, "command-service", commandJar, commandArgs(postgres, kafka));
        int livePort = ServiceJvm.freePort();
        ServiceJvm queries = service(
                dir,
                "query-service",
                queryJar,
                List.of(
                        "--spring.data.mongodb.uri=mongodb://127.0.0.1:" + mongoPort + "/congress",
                        "--axon.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                        // every viewer of the bench comes from one address; the total cap stays as shipped
                        "--congress.live.max-viewers-per-client=10000",
                        // the live stream's own port (LiveServer), as production serves viewers beyond the hall
                        "--congress.live.port=" + livePort));
        return new BenchSystem(
                dir, postgres, kafka, mongo, mongoPort, commands, queries, livePort, commandJar, queryJar);
    }

    private static List<String> commandArgs(EmbeddedPostgresServer postgres, KafkaBrokerProcess kafka) {
        return List.of(
                "--CONGRESS_ADMIN_PASSWORD=" + ADMIN_PASSWORD,
                "--spring.datasource.url=" + postgres.jdbcUrl(),
                "--axon.kafka.bootstrap-servers=" + kafka.bootstrapServers());
    }

    /** Restarts the command-service on its port with these extra arguments, to compare a setting run against run. */
    void restartCommands(List<String> extraArgs) throws Exception {
        commands.close();
        List<String> args = new ArrayList<>(commandArgs(postgres, kafka));
        args.addAll(extraArgs);
        commands.args(args).start().awaitHealthy(Duration.ofSeconds(180));
    }

    void startServices() throws Exception {
        commands.start();
        queries.start();
        commands.awaitHealthy(Duration.ofSeconds(180));
        queries.awaitHealthy(Duration.ofSeconds(180));
    }

    /**
     * A service as the bench runs it, on a free loopback port, logging to {@code logs/NAME.log} and recording to
     * {@code NAME.jfr}: 1 GiB heap, G1 (the JVM's default here), Flight Recorder on.
     */
    static ServiceJvm service(Path dir, String name, Path jar, List<String> args) {
        List<String> options = new ArrayList<>(List.of(
                "-Xmx1g",
                "-Daxoniq.update-checker.disabled=true",
                "-XX:FlightRecorderOptions:stackdepth=256",
                "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + dir.resolve(name + ".jfr")));
        // extra JVM options for both services, to compare settings (e.g. a garbage collector) run against run
        String extra =
                System.getenv().getOrDefault("BENCH_SERVICE_JVM_OPTS", "").strip();
        if (!extra.isEmpty()) {
            options.addAll(List.of(extra.split("\\s+")));
        }
        return ServiceJvm.jar(name, jar)
                .jvmOptions(options)
                .args(args)
                .log(dir.resolve("logs/" + name + ".log"))
                .stopGrace(Duration.ofSeconds(60));
    }

    String commandUrl() {
        return commands.baseUrl();
    }

    String queryUrl() {
        return queries.baseUrl();
    }

    /** The query-service's live-stream port (Netty), where the viewers stage's audience connects. */
    String liveUrl() {
        return "http://127.0.0.1:" + livePort;
    }

    String mongoUri() {
        return "mongodb://127.0.0.1:" + mongoPort;
    }

    @Override
    public synchronized void close() {
        try {
            queries.close();
            commands.close();
            mongo.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kafka.close();
        postgres.close();
    }
}

package org.congressvote.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.congressvote.infra.EmbeddedPostgresServer;
import org.congressvote.infra.KafkaBrokerProcess;

/**
 * The system under measurement, started by the bench itself on loopback with all data under one folder: PostgreSQL
 * (fsync and synchronous_commit on), a Kafka broker in its own JVM, the MongoDB-wire server (H2) in its own JVM, and
 * both services from their executable jars, each in its own JVM, recorded by Java Flight Recorder.
 */
final class BenchSystem implements AutoCloseable {

    static final String TOPIC = "congress-events";
    static final String ADMIN_PASSWORD = "bench-admin-password";

    final Path dir;
    final EmbeddedPostgresServer postgres;
    final KafkaBrokerProcess kafka;
    final JavaProcess mongo;
    final int mongoPort;
    final JavaProcess commands;
    final JavaProcess queries;
    final Path commandJar;
    final Path queryJar;

    private BenchSystem(
            Path dir,
            EmbeddedPostgresServer postgres,
            KafkaBrokerProcess kafka,
            JavaProcess mongo,
            int mongoPort,
            JavaProcess commands,
            JavaProcess queries,
            Path commandJar,
            Path queryJar) {
        this.dir = dir;
        this.postgres = postgres;
        this.kafka = kafka;
        this.mongo = mongo;
        this.mongoPort = mongoPort;
        this.commands = commands;
        this.queries = queries;
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
        int mongoPort = freePort();
        JavaProcess mongo = new JavaProcess(
                "mongo",
                dir.resolve("logs/mongo.log"),
                List.of(
                        "-Xmx1g",
                        "-cp",
                        classpath,
                        "org.congressvote.infra.MongoWireMain",
                        "--port",
                        Integer.toString(mongoPort),
                        "--data-dir",
                        dir.resolve("mongo").toString(),
                        "--exit-on-stdin-eof"));
        mongo.start();
        mongo.awaitLine("READY mongo", Duration.ofSeconds(60));
        int commandPort = freePort();
        int queryPort = freePort();
        int livePort = freePort();
        JavaProcess commands = new JavaProcess(
                "command-service",
                dir.resolve("logs/command-service.log"),
                serviceCommand(
                        commandJar,
                        dir.resolve("command-service.jfr"),
                        List.of(
                                "--server.port=" + commandPort,
                                "--CONGRESS_ADMIN_PASSWORD=" + ADMIN_PASSWORD,
                                "--spring.datasource.url=" + postgres.jdbcUrl(),
                                "--axon.kafka.bootstrap-servers=" + kafka.bootstrapServers())));
        commands.port = commandPort;
        JavaProcess queries = new JavaProcess(
                "query-service",
                dir.resolve("logs/query-service.log"),
                serviceCommand(
                        queryJar,
                        dir.resolve("query-service.jfr"),
                        List.of(
                                "--server.port=" + queryPort,
                                "--spring.data.mongodb.uri=mongodb://127.0.0.1:" + mongoPort + "/congress",
                                "--axon.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                                // every viewer of the bench comes from one address; the total cap stays as shipped
                                "--congress.live.max-viewers-per-client=10000",
                                // the live stream's own port (LiveServer), as production serves viewers beyond the hall
                                "--congress.live.port=" + livePort)));
        queries.port = queryPort;
        queries.livePort = livePort;
        return new BenchSystem(dir, postgres, kafka, mongo, mongoPort, commands, queries, commandJar, queryJar);
    }

    static int freePort() {
        try (java.net.ServerSocket socket =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port", e);
        }
    }

    /** Restarts the command-service on its port with these extra arguments, to compare a setting run against run. */
    void restartCommands(List<String> extraArgs) throws Exception {
        commands.stop();
        commands.extra = List.copyOf(extraArgs);
        commands.start();
        awaitHealthy(commands, Duration.ofSeconds(180));
    }

    void startServices() throws Exception {
        commands.start();
        queries.start();
        awaitHealthy(commands, Duration.ofSeconds(180));
        awaitHealthy(queries, Duration.ofSeconds(180));
    }

    /** The JVM options of both services: 1 GiB heap, G1 (the JVM's default here), Flight Recorder on. */
    static List<String> serviceCommand(Path jar, Path jfr, List<String> args) {
        List<String> command = new ArrayList<>(List.of(
                "-Xmx1g",
                "-Daxoniq.update-checker.disabled=true",
                "-XX:FlightRecorderOptions:stackdepth=256",
                "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + jfr));
        // extra JVM options for both services, to compare settings (e.g. a garbage collector) run against run
        String extra =
                System.getenv().getOrDefault("BENCH_SERVICE_JVM_OPTS", "").strip();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(args);
        return command;
    }

    String commandUrl() {
        return "http://127.0.0.1:" + commands.port;
    }

    String queryUrl() {
        return "http://127.0.0.1:" + queries.port;
    }

    /** The query-service's live-stream port (Netty), where the viewers stage's audience connects. */
    String liveUrl() {
        return "http://127.0.0.1:" + queries.livePort;
    }

    String mongoUri() {
        return "mongodb://127.0.0.1:" + mongoPort;
    }

    static void awaitHealthy(JavaProcess service, Duration timeout) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException(service.name + " exited; see " + service.log);
            }
            try {
                HttpResponse<String> health = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port + "/actuator/health"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(service.name + " not healthy after " + timeout + "; see " + service.log);
    }

    @Override
    public synchronized void close() {
        for (JavaProcess p : List.of(queries, commands)) {
            p.stop();
        }
        mongo.stop();
        kafka.close();
        postgres.close();
    }

    /** A child JVM with its output in a log file; its stdin is a pipe held by the bench (lifeline). */
    static final class JavaProcess {
        final String name;
        final Path log;
        final List<String> args;
        /** appended to {@link #args} at the next start */
        List<String> extra = List.of();

        int port;
        int livePort;
        private Process process;

        JavaProcess(String name, Path log, List<String> args) {
            this.name = name;
            this.log = log;
            this.args = args;
        }

        void start() throws IOException {
            Files.createDirectories(log.getParent());
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(args);
            command.addAll(extra);
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        }

        boolean isAlive() {
            return process != null && process.isAlive();
        }

        long pid() {
            return process.pid();
        }

        void awaitLine(String text, Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (Files.exists(log) && Files.readString(log).contains(text)) {
                    return;
                }
                if (!isAlive()) {
                    throw new IllegalStateException(name + " exited; see " + log);
                }
                Thread.sleep(100);
            }
            throw new IllegalStateException(name + ": no '" + text + "' within " + timeout + "; see " + log);
        }

        synchronized void stop() {
            if (process == null) {
                return;
            }
            process.destroy();
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }
}

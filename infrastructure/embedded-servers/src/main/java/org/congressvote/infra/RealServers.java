package org.congressvote.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension: one real PostgreSQL, one Kafka broker (topic {@value #TOPIC} made before anyone connects) and one
 * MongoDB-wire server per test JVM, started lazily in parallel on free ports, stopped when the JVM exits.
 *
 * <pre>
 * &#64;SpringBootTest
 * &#64;ExtendWith(RealServers.class)
 * class SomethingIT {
 *     &#64;DynamicPropertySource
 *     static void servers(DynamicPropertyRegistry registry) {
 *         registry.add("spring.datasource.url", RealServers::jdbcUrl);
 *         registry.add("axon.kafka.bootstrap-servers", RealServers::kafkaBootstrap);
 *         registry.add("spring.data.mongodb.uri", () -> RealServers.mongoUri() + "/congress");
 *     }
 * }
 * </pre>
 * The accessors start the servers themselves if needed. Data lives in {@code target/real-servers-<pid>}, deleted at
 * exit unless {@code -Dcongress.real-servers.keep=true}; folders left by killed test JVMs are reaped on the next start.
 */
public final class RealServers implements BeforeAllCallback {

    public static final String TOPIC = "congress-events";
    public static final int TOPIC_PARTITIONS = 4;
    private static final String DIR_PREFIX = "real-servers-";

    private static Servers servers;
    private static RuntimeException failure;

    @Override
    public void beforeAll(ExtensionContext context) {
        servers();
    }

    /** {@code jdbc:postgresql://127.0.0.1:PORT/congress}; user {@code postgres}, any password. */
    public static String jdbcUrl() {
        return servers().postgres().jdbcUrl();
    }

    /** {@code 127.0.0.1:PORT}. */
    public static String kafkaBootstrap() {
        return servers().kafka().bootstrapServers();
    }

    /** {@code mongodb://127.0.0.1:PORT}, no database: append {@code /congress} for Spring's URI. */
    public static String mongoUri() {
        return servers().mongo().connectionString();
    }

    public static EmbeddedPostgresServer postgres() {
        return servers().postgres();
    }

    public static KafkaBrokerProcess kafka() {
        return servers().kafka();
    }

    public static MongoWireServer mongo() {
        return servers().mongo();
    }

    private static synchronized Servers servers() {
        if (failure != null) {
            throw new IllegalStateException("The real servers failed to start earlier in this JVM", failure);
        }
        if (servers == null) {
            try {
                servers = start();
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
        }
        return servers;
    }

    private static Servers start() {
        Path parent = Files.isDirectory(Path.of("target"))
                ? Path.of("target")
                : Path.of(System.getProperty("java.io.tmpdir"));
        reapLeftovers(parent);
        Path base = parent.resolve(DIR_PREFIX + ProcessHandle.current().pid()).toAbsolutePath();
        deleteRecursively(base);

        long begin = System.nanoTime();
        CompletableFuture<EmbeddedPostgresServer> postgres =
                timed("PostgreSQL", begin, () -> EmbeddedPostgresServer.start(base.resolve("postgres"), 0));
        CompletableFuture<KafkaBrokerProcess> kafka = timed("Kafka with topic " + TOPIC, begin, () -> {
            KafkaBrokerProcess broker = KafkaBrokerProcess.start(base.resolve("kafka"), 0, 0);
            try {
                broker.createTopic(TOPIC, TOPIC_PARTITIONS);
            } catch (RuntimeException e) {
                broker.close();
                throw e;
            }
            return broker;
        });
        CompletableFuture<MongoWireServer> mongo =
                timed("MongoDB-wire", begin, () -> MongoWireServer.start(base.resolve("mongo"), 0));
        try {
            CompletableFuture.allOf(postgres, kafka, mongo).join();
        } catch (CompletionException e) {
            Stream.of(postgres, kafka, mongo).forEach(RealServers::closeQuietly);
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        Servers started = new Servers(base, postgres.join(), kafka.join(), mongo.join());
        System.out.printf(
                "RealServers: %s, %s, %s up in %d ms (data in %s)%n",
                started.postgres(), started.kafka(), started.mongo(), elapsedMillis(begin), base);
        Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "real-servers-stopper"));
        return started;
    }

    private static <T> CompletableFuture<T> timed(String name, long begin, Supplier<T> start) {
        return CompletableFuture.supplyAsync(
                () -> {
                    T server = start.get();
                    System.out.printf("RealServers: %s ready after %d ms%n", name, elapsedMillis(begin));
                    return server;
                },
                RealServers::inNewThread);
    }

    private static long elapsedMillis(long begin) {
        return (System.nanoTime() - begin) / 1_000_000;
    }

    /** Not the common pool: on a two-core machine it has one thread, and the servers would start one by one. */
    private static void inNewThread(Runnable task) {
        Thread thread = new Thread(task, "real-servers-worker");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(CompletableFuture<? extends AutoCloseable> server) {
        server.thenAccept(s -> {
            try {
                s.close();
            } catch (Exception e) {
                // the start failure is the news; a failed clean-up of a half-started set is not
            }
        });
    }

    /** A killed test JVM leaves its folder, and maybe a detached postmaster running in it. */
    private static void reapLeftovers(Path parent) {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(parent, DIR_PREFIX + "*")) {
            for (Path dir : dirs) {
                long owner;
                try {
                    owner = Long.parseLong(dir.getFileName().toString().substring(DIR_PREFIX.length()));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (Processes.alive(owner)) {
                    continue;
                }
                Path pidFile = dir.resolve("postgres/postmaster.pid");
                if (Files.exists(pidFile)) {
                    long postmaster =
                            Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
                    if (Processes.alive(postmaster)) {
                        ProcessHandle.of(postmaster).ifPresent(ProcessHandle::destroy);
                        Processes.awaitExit(postmaster, Duration.ofSeconds(10));
                    }
                }
                deleteRecursively(dir);
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("RealServers: could not reap leftovers in " + parent + ": " + e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + dir, e);
        }
    }

    private record Servers(
            Path base, EmbeddedPostgresServer postgres, KafkaBrokerProcess kafka, MongoWireServer mongo) {

        void stop() {
            List<CompletableFuture<Void>> stops = Stream.<AutoCloseable>of(kafka, mongo, postgres)
                    .map(server -> CompletableFuture.runAsync(
                            () -> {
                                try {
                                    server.close();
                                } catch (Exception e) {
                                    System.err.println("RealServers: stopping " + server + " failed: " + e);
                                }
                            },
                            RealServers::inNewThread))
                    .toList();
            stops.forEach(CompletableFuture::join);
            if (!Boolean.getBoolean("congress.real-servers.keep")) {
                try {
                    deleteRecursively(base);
                } catch (UncheckedIOException e) {
                    System.err.println("RealServers: " + e.getMessage());
                }
            }
        }
    }
}

package org.congressvote.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Kafka broker (KRaft combined mode, one node) in its own JVM, started from the jars on a classpath.
 *
 * <p>The child runs {@link KafkaBrokerMain} with our end of its standard input held open: when this JVM dies, even
 * by kill -9, the child reads end of file and exits. A shutdown hook also stops it on a normal exit. Its output goes
 * to {@code <dataDir>/kafka.log}.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final String HEAP = "-Xmx512m";

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final String classpath;
    /** For a node of a {@link KafkaCluster}: its id, the quorum and the cluster id; empty for a single broker. */
    private final List<String> clusterArgs;

    private Process process;

    private KafkaBrokerProcess(Path dataDir, int port, int controllerPort, String classpath, List<String> clusterArgs) {
        this.dataDir = dataDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.classpath = classpath;
        this.clusterArgs = List.copyOf(clusterArgs);
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "kafka-broker-stopper"));
    }

    /** A node of a cluster, not started yet: the cluster launches its nodes together (a quorum needs a majority). */
    static KafkaBrokerProcess member(
            Path dataDir, int port, int controllerPort, int nodeId, String voters, String clusterId, String classpath) {
        return new KafkaBrokerProcess(
                dataDir.toAbsolutePath(),
                port,
                controllerPort,
                classpath,
                List.of("--node-id", Integer.toString(nodeId), "--voters", voters, "--cluster-id", clusterId));
    }

    /** Starts a broker from this JVM's classpath; ports 0 pick free ports. Returns once it answers. */
    public static KafkaBrokerProcess start(Path dataDir, int port, int controllerPort) {
        return start(dataDir, port, controllerPort, System.getProperty("java.class.path"));
    }

    /** Starts a broker from the given classpath (it must hold kafka_2.13 and this module). */
    public static KafkaBrokerProcess start(Path dataDir, int port, int controllerPort, String classpath) {
        int brokerPort = Ports.freeIfZero(port);
        int quorumPort = Ports.freeIfZero(controllerPort);
        while (quorumPort == brokerPort) {
            quorumPort = Ports.free();
        }
        KafkaBrokerProcess broker =
                new KafkaBrokerProcess(dataDir.toAbsolutePath(), brokerPort, quorumPort, classpath, List.of());
        broker.launch();
        return broker;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public int controllerPort() {
        return controllerPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path logFile() {
        return dataDir.resolve("kafka.log");
    }

    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException("Kafka broker is not running");
        }
        return process.pid();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Creates the topic (unlimited retention) unless it exists, and waits until all its partitions have leaders. */
    public void createTopic(String name, int partitions) {
        KafkaTopics.ensure(bootstrapServers(), name, partitions);
    }

    /** SIGKILL, as a crash would. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            awaitExit(process, STOP_TIMEOUT);
            process = null;
        }
    }

    /** SIGTERM: the broker shuts down cleanly (killed if it takes over 30 s). */
    public synchronized void stop() {
        if (process != null) {
            process.destroy();
            if (!awaitExit(process, STOP_TIMEOUT)) {
                process.destroyForcibly();
                awaitExit(process, STOP_TIMEOUT);
            }
            process = null;
        }
    }

    /** Stops if running, then starts again on the same folder and ports. */
    public synchronized void restart() {
        stop();
        launch();
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized void launch() {
        launchWithoutWaiting();
        awaitReady();
    }

    synchronized void launchWithoutWaiting() {
        try {
            Files.createDirectories(dataDir);
            Path logback = dataDir.resolve("kafka-logback.xml");
            Files.writeString(logback, LOGBACK_CONFIG);
            // an argument file, because a test classpath can outgrow the kernel's limit on one argument
            Path argFile = dataDir.resolve("kafka-jvm.args");
            Files.writeString(
                    argFile,
                    "-cp \"" + classpath.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n",
                    StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    HEAP,
                    "-XX:+ExitOnOutOfMemoryError",
                    "-Djava.awt.headless=true",
                    "-Dlogback.configurationFile=" + logback));
            if (classpath.contains("slf4j-simple")) {
                // a service's test classpath may also hold Logback; one provider, chosen, keeps the log quiet
                command.add("-Dslf4j.provider=org.slf4j.simple.SimpleServiceProvider");
            }
            command.addAll(List.of(
                    "@" + argFile,
                    KafkaBrokerMain.class.getName(),
                    "--data-dir",
                    dataDir.toString(),
                    "--port",
                    Integer.toString(port),
                    "--controller-port",
                    Integer.toString(controllerPort),
                    MainArgs.EXIT_ON_STDIN_EOF));
            command.addAll(clusterArgs);
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(logFile().toFile()))
                    .redirectInput(Redirect.PIPE)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not launch the Kafka broker JVM", e);
        }
    }

    synchronized void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!(Ports.accepts(port) && KafkaTopics.describesCluster(bootstrapServers()))) {
            if (!process.isAlive()) {
                int exit = process.exitValue();
                process = null;
                throw new IllegalStateException(
                        "Kafka broker exited with " + exit + " during start-up. " + tailOfLog());
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                process = null;
                throw new IllegalStateException("Kafka broker did not answer on " + bootstrapServers() + " within "
                        + READY_TIMEOUT.toSeconds() + " s. " + tailOfLog());
            }
            Processes.sleep(Duration.ofMillis(200));
        }
    }

    private String tailOfLog() {
        try {
            List<String> lines = Files.readAllLines(logFile());
            return "Last lines of " + logFile() + ":\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "See " + logFile();
        }
    }

    private static boolean awaitExit(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public String toString() {
        return "Kafka[" + bootstrapServers() + ", data " + dataDir + "]";
    }

    private static final String LOGBACK_CONFIG = """
            <configuration>
              <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>%d{ISO8601} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
              </appender>
              <root level="INFO"><appender-ref ref="OUT"/></root>
            </configuration>
            """;
}

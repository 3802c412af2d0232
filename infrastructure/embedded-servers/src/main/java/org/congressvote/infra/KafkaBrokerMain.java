package org.congressvote.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.Uuid;

/**
 * Runs one Kafka broker (KRaft, broker and controller in one node) in this JVM: writes {@code server.properties},
 * formats the storage on first use, optionally creates topics, then hands over to {@code kafka.Kafka}.
 *
 * <pre>
 * java -Xmx512m -cp CP org.congressvote.infra.KafkaBrokerMain --data-dir DIR --port 19092 --controller-port 19093 \
 *      [--topic congress-events:4]... [--exit-on-stdin-eof]
 * </pre>
 * Prints {@code READY kafka 127.0.0.1:PORT} once the broker answers and the topics exist.
 */
public final class KafkaBrokerMain {

    static final String READY = "READY kafka ";
    private static final String USAGE = "KafkaBrokerMain --data-dir DIR --port PORT --controller-port PORT"
            + " [--topic NAME:PARTITIONS]... [--exit-on-stdin-eof]";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private KafkaBrokerMain() {}

    public static void main(String[] args) throws IOException {
        MainArgs options = MainArgs.parse(args, USAGE);
        Path dataDir = options.path("--data-dir", USAGE);
        int port = options.port("--port", USAGE);
        int controllerPort = options.port("--controller-port", USAGE);
        List<String[]> topics = new ArrayList<>();
        for (String topic : options.all("--topic")) {
            String[] nameAndPartitions = topic.split(":");
            if (nameAndPartitions.length != 2) {
                throw new IllegalArgumentException("--topic wants NAME:PARTITIONS, got " + topic);
            }
            topics.add(nameAndPartitions);
        }
        options.startStdinWatchdogIfAsked();

        Path properties = writeServerProperties(dataDir, port, controllerPort);
        formatStorageOnce(dataDir, properties);
        announceWhenReady(port, topics);
        kafka.Kafka.main(new String[] {properties.toString()});
    }

    static Path logDir(Path dataDir) {
        return dataDir.resolve("kraft-logs");
    }

    static Path writeServerProperties(Path dataDir, int port, int controllerPort) throws IOException {
        Files.createDirectories(dataDir);
        String listener = "127.0.0.1:" + port;
        String controller = "127.0.0.1:" + controllerPort;
        String properties = String.join(
                "\n",
                "# Written by KafkaBrokerMain at every start; edit the code, not this file.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + controller,
                "listeners=PLAINTEXT://" + listener + ",CONTROLLER://" + controller,
                "advertised.listeners=PLAINTEXT://" + listener,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + logDir(dataDir),
                "num.partitions=4",
                "default.replication.factor=1",
                "min.insync.replicas=1",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "auto.create.topics.enable=false",
                "group.initial.rebalance.delay.ms=0",
                "log.retention.ms=-1",
                "# after a kill -9 the new incarnation waits for the old one's session to expire (default 9 s)",
                "broker.heartbeat.interval.ms=1000",
                "broker.session.timeout.ms=4000",
                "");
        Path file = dataDir.resolve("server.properties");
        Files.writeString(file, properties);
        return file;
    }

    private static void formatStorageOnce(Path dataDir, Path properties) {
        if (Files.exists(logDir(dataDir).resolve("meta.properties"))) {
            return;
        }
        String clusterId = Uuid.randomUuid().toString();
        int exitCode = kafka.tools.StorageTool.execute(
                new String[] {"format", "-t", clusterId, "-c", properties.toString()}, System.out);
        if (exitCode != 0) {
            throw new IllegalStateException("Formatting Kafka storage in " + logDir(dataDir) + " failed: " + exitCode);
        }
    }

    private static void announceWhenReady(int port, List<String[]> topics) {
        Thread announcer = new Thread(
                () -> {
                    String bootstrap = "127.0.0.1:" + port;
                    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
                    while (!(Ports.accepts(port) && KafkaTopics.describesCluster(bootstrap))) {
                        if (System.nanoTime() > deadline) {
                            System.err.println("Kafka broker did not answer on " + bootstrap + " within "
                                    + READY_TIMEOUT.toSeconds() + " s");
                            System.exit(1);
                        }
                        Processes.sleep(Duration.ofMillis(200));
                    }
                    try {
                        for (String[] topic : topics) {
                            KafkaTopics.ensure(bootstrap, topic[0], Integer.parseInt(topic[1]));
                        }
                    } catch (RuntimeException e) {
                        e.printStackTrace();
                        System.exit(1);
                    }
                    System.out.println(READY + bootstrap);
                },
                "kafka-ready-announcer");
        announcer.setDaemon(true);
        announcer.start();
    }
}

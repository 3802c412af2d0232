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
 *      [--node-id 2 --voters 1@127.0.0.1:19093,2@127.0.0.1:19095,3@127.0.0.1:19097 --cluster-id ID]
 * </pre>
 * Prints {@code READY kafka 127.0.0.1:PORT} once the broker answers and the topics exist. With {@code --voters} of
 * several nodes it is one node of a cluster (each a broker and a controller): every node must be formatted with the
 * same {@code --cluster-id}; topics and internal topics are replicated to every node (at most 3) with
 * {@code min.insync.replicas} 2, and topics are created once the cluster has as many brokers.
 */
public final class KafkaBrokerMain {

    static final String READY = "READY kafka ";
    private static final String USAGE = "KafkaBrokerMain --data-dir DIR --port PORT --controller-port PORT"
            + " [--topic NAME:PARTITIONS]... [--exit-on-stdin-eof] [--node-id N --voters ID@HOST:PORT,... --cluster-id ID]";
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
        int nodeId = options.all("--node-id").isEmpty() ? 1 : Integer.parseInt(options.required("--node-id", USAGE));
        String voters = options.all("--voters").isEmpty()
                ? nodeId + "@127.0.0.1:" + controllerPort
                : options.required("--voters", USAGE);
        String clusterId = options.all("--cluster-id").isEmpty()
                ? Uuid.randomUuid().toString()
                : options.required("--cluster-id", USAGE);
        int replication = replicationFor(voters);

        Path properties = writeServerProperties(dataDir, port, controllerPort, nodeId, voters);
        formatStorageOnce(dataDir, properties, clusterId);
        announceWhenReady(port, topics, replication);
        kafka.Kafka.main(new String[] {properties.toString()});
    }

    static Path logDir(Path dataDir) {
        return dataDir.resolve("kraft-logs");
    }

    /** Replicas of every topic: one per node of the quorum, at most 3. */
    static int replicationFor(String voters) {
        return Math.min(3, voters.split(",").length);
    }

    /** Two in-sync replicas once there are three: one broker may be down without refusing a write. */
    static int minInsyncFor(int replication) {
        return replication >= 3 ? 2 : 1;
    }

    static Path writeServerProperties(Path dataDir, int port, int controllerPort) throws IOException {
        return writeServerProperties(dataDir, port, controllerPort, 1, "1@127.0.0.1:" + controllerPort);
    }

    static Path writeServerProperties(Path dataDir, int port, int controllerPort, int nodeId, String voters)
            throws IOException {
        Files.createDirectories(dataDir);
        String listener = "127.0.0.1:" + port;
        String controller = "127.0.0.1:" + controllerPort;
        int replication = replicationFor(voters);
        int minInsync = minInsyncFor(replication);
        String properties = String.join(
                "\n",
                "# Written by KafkaBrokerMain at every start; edit the code, not this file.",
                "process.roles=broker,controller",
                "node.id=" + nodeId,
                "controller.quorum.voters=" + voters,
                "listeners=PLAINTEXT://" + listener + ",CONTROLLER://" + controller,
                "advertised.listeners=PLAINTEXT://" + listener,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + logDir(dataDir),
                "num.partitions=4",
                "default.replication.factor=" + replication,
                "min.insync.replicas=" + minInsync,
                "offsets.topic.replication.factor=" + replication,
                "transaction.state.log.replication.factor=" + replication,
                "transaction.state.log.min.isr=" + minInsync,
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

    private static void formatStorageOnce(Path dataDir, Path properties, String clusterId) {
        if (Files.exists(logDir(dataDir).resolve("meta.properties"))) {
            return;
        }
        int exitCode = kafka.tools.StorageTool.execute(
                new String[] {"format", "-t", clusterId, "-c", properties.toString()}, System.out);
        if (exitCode != 0) {
            throw new IllegalStateException("Formatting Kafka storage in " + logDir(dataDir) + " failed: " + exitCode);
        }
    }

    private static void announceWhenReady(int port, List<String[]> topics, int replication) {
        Thread announcer = new Thread(
                () -> {
                    String bootstrap = "127.0.0.1:" + port;
                    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
                    while (!(Ports.accepts(port) && KafkaTopics.brokers(bootstrap) >= replication)) {
                        if (System.nanoTime() > deadline) {
                            System.err.println("Kafka broker did not answer on " + bootstrap + " within "
                                    + READY_TIMEOUT.toSeconds() + " s");
                            System.exit(1);
                        }
                        Processes.sleep(Duration.ofMillis(200));
                    }
                    try {
                        for (String[] topic : topics) {
                            KafkaTopics.ensure(
                                    bootstrap,
                                    topic[0],
                                    Integer.parseInt(topic[1]),
                                    replication,
                                    minInsyncFor(replication));
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

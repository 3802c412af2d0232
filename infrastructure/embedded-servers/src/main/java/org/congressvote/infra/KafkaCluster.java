package org.congressvote.infra;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.common.Uuid;

/**
 * The production shape of Kafka on loopback: several KRaft nodes (each a broker and a controller), each its own JVM
 * on its own data folder, topics replicated to three of them with {@code min.insync.replicas} 2. Any one node may be
 * killed and restarted without refusing a write (acks=all) or losing an acknowledged record.
 */
public final class KafkaCluster implements AutoCloseable {

    private final List<KafkaBrokerProcess> brokers;

    private KafkaCluster(List<KafkaBrokerProcess> brokers) {
        this.brokers = brokers;
    }

    /** Starts {@code nodes} nodes from this JVM's classpath on free ports; returns once every one answers. */
    public static KafkaCluster start(Path dataDir, int nodes) {
        return start(dataDir, nodes, System.getProperty("java.class.path"));
    }

    public static KafkaCluster start(Path dataDir, int nodes, String classpath) {
        List<Integer> ports = new ArrayList<>();
        while (ports.size() < 2 * nodes) {
            int port = Ports.free();
            if (!ports.contains(port)) {
                ports.add(port);
            }
        }
        String voters = java.util.stream.IntStream.range(0, nodes)
                .mapToObj(i -> (i + 1) + "@127.0.0.1:" + ports.get(2 * i + 1))
                .collect(Collectors.joining(","));
        String clusterId = Uuid.randomUuid().toString();
        List<KafkaBrokerProcess> brokers = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            brokers.add(KafkaBrokerProcess.member(
                    dataDir.resolve("kafka-" + (i + 1)),
                    ports.get(2 * i),
                    ports.get(2 * i + 1),
                    i + 1,
                    voters,
                    clusterId,
                    classpath));
        }
        brokers.forEach(KafkaBrokerProcess::launchWithoutWaiting);
        brokers.forEach(KafkaBrokerProcess::awaitReady);
        return new KafkaCluster(List.copyOf(brokers));
    }

    /** Every node's address: a client finds the cluster through whichever of them answers. */
    public String bootstrapServers() {
        return brokers.stream().map(KafkaBrokerProcess::bootstrapServers).collect(Collectors.joining(","));
    }

    /** Node {@code i}, 0-based, to kill, stop or restart. */
    public KafkaBrokerProcess broker(int i) {
        return brokers.get(i);
    }

    public int size() {
        return brokers.size();
    }

    /**
     * Creates the topic with a replica on every node (at most 3) and {@code min.insync.replicas} 2 (1 below three
     * nodes), unless it exists; waits until every partition has a leader.
     */
    public void createTopic(String name, int partitions) {
        int replication = KafkaBrokerMain.replicationFor(bootstrapServers());
        KafkaTopics.ensure(
                bootstrapServers(), name, partitions, replication, KafkaBrokerMain.minInsyncFor(replication));
    }

    @Override
    public void close() {
        brokers.forEach(KafkaBrokerProcess::close);
    }

    @Override
    public String toString() {
        return "KafkaCluster[" + bootstrapServers() + "]";
    }
}

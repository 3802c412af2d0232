package org.congressvote.infra;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Admin-client chores: readiness and idempotent topic creation. */
final class KafkaTopics {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private KafkaTopics() {}

    static Admin admin(String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "congress-infra-admin");
        return Admin.create(props);
    }

    /** True once the broker answers a describe-cluster request with itself as a node. */
    static boolean describesCluster(String bootstrapServers) {
        return brokers(bootstrapServers) > 0;
    }

    /** The brokers the cluster reports as registered; 0 while it does not answer. */
    static int brokers(String bootstrapServers) {
        try (Admin admin = admin(bootstrapServers)) {
            return admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size();
        } catch (ExecutionException | TimeoutException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /**
     * Creates the topic with unlimited retention unless it exists, then waits until every partition has a leader, so
     * the first producer or consumer never meets a half-made topic.
     */
    static void ensure(String bootstrapServers, String name, int partitions) {
        ensure(bootstrapServers, name, partitions, 1, 1);
    }

    /** As {@link #ensure(String, String, int)}, with {@code replication} replicas and that many in sync to write. */
    static void ensure(String bootstrapServers, String name, int partitions, int replication, int minInsync) {
        try (Admin admin = admin(bootstrapServers)) {
            NewTopic topic = new NewTopic(name, partitions, (short) replication)
                    .configs(Map.of("retention.ms", "-1", "min.insync.replicas", Integer.toString(minInsync)));
            try {
                admin.createTopics(List.of(topic)).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (true) {
                TopicDescription description;
                try {
                    description = admin.describeTopics(List.of(name))
                            .allTopicNames()
                            .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                            .get(name);
                } catch (ExecutionException e) {
                    // in a cluster, the broker asked may not have the new topic's metadata yet: ask again
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                        throw e;
                    }
                    Processes.sleep(Duration.ofMillis(100));
                    continue;
                }
                if (description.partitions().size() != partitions) {
                    throw new IllegalStateException("Topic " + name + " exists with "
                            + description.partitions().size() + " partitions, not " + partitions);
                }
                if (description.partitions().stream()
                        .map(TopicPartitionInfo::leader)
                        .allMatch(l -> l != null)) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "Topic " + name + " has partitions without a leader after " + TIMEOUT.toSeconds() + " s");
                }
                Processes.sleep(Duration.ofMillis(100));
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not create topic " + name + " on " + bootstrapServers, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + name, e);
        }
    }
}

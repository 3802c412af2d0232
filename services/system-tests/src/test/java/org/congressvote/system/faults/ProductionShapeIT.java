package org.congressvote.system.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.congressvote.infra.EmbeddedPostgresServer;
import org.congressvote.infra.KafkaCluster;
import org.congressvote.infra.RealServers;
import org.congressvote.testsupport.ServiceJvm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The production shape of docs/operations.md, on loopback: three KRaft Kafka brokers (topic replicated 3 times,
 * {@code min.insync.replicas} 2), two command-service instances on one PostgreSQL behind the test's client (each
 * phone's requests go to one instance or the other), two query-service instances each with a MongoDB database of its
 * own. A broker is killed with -9 in the middle of a burst and started again, then another is restarted; the three
 * counters agree on both query-services, nothing lost, nothing counted twice.
 */
@Timeout(value = 900, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProductionShapeIT {

    private static final int DELEGATES = 300;
    private static final String ADMIN_PASSWORD = "production-shape-admin";

    private final List<AutoCloseable> running = new ArrayList<>();
    private EmbeddedPostgresServer postgres;
    private KafkaCluster kafka;
    private final List<ServiceJvm> commands = new ArrayList<>();
    private final List<ServiceJvm> queries = new ArrayList<>();
    private Hall hall;

    /** Generous: four services, three brokers and two MongoDB servers start on a machine of two cores. */
    @BeforeAll
    @Timeout(value = 1800, unit = TimeUnit.SECONDS)
    void startTheProductionShape() throws Exception {
        Path base = Path.of(
                        "target", "production-shape-" + ProcessHandle.current().pid())
                .toAbsolutePath();
        // a PostgreSQL of its own: the event store's tracking tokens decide which Kafka the publisher writes to
        postgres = EmbeddedPostgresServer.start(base.resolve("postgres"), 0);
        running.add(postgres);
        kafka = KafkaCluster.start(base.resolve("kafka"), 3);
        running.add(kafka);
        kafka.createTopic(RealServers.TOPIC, RealServers.TOPIC_PARTITIONS);
        for (String instance : List.of("a", "b")) {
            commands.add(FaultSystem.service(
                    "command-service-" + instance,
                    "congress.commandServiceJar",
                    List.of(
                            "--CONGRESS_ADMIN_PASSWORD=" + ADMIN_PASSWORD,
                            "--spring.datasource.url=" + postgres.jdbcUrl(),
                            "--axon.kafka.bootstrap-servers=" + kafka.bootstrapServers())));
            MongoWireProcess mongo = new MongoWireProcess(base.resolve("mongo-" + instance)).start();
            running.add(mongo);
            queries.add(FaultSystem.service(
                    "query-service-" + instance,
                    "congress.queryServiceJar",
                    List.of(
                            "--spring.data.mongodb.uri=" + mongo.uri() + "/congress-" + instance,
                            "--axon.kafka.bootstrap-servers=" + kafka.bootstrapServers())));
        }
        running.addAll(commands);
        running.addAll(queries);
        // one at a time: the first command-service creates the schema and the administrator alone, and four JVMs
        // starting together on two cores time out on their own servers (a query-service's MongoDB, seen)
        for (ServiceJvm service : List.of(commands.get(0), queries.get(0), commands.get(1), queries.get(1))) {
            service.start().awaitHealthy(Duration.ofSeconds(900));
        }
        hall = new Hall("production-shape", DELEGATES, commands.get(0)::baseUrl, queries.get(0)::baseUrl) {
            @Override
            String jdbcUrl() {
                return postgres.jdbcUrl();
            }
        };
        hall.seedCongress(ADMIN_PASSWORD);
    }

    @AfterAll
    void stopEverything() {
        for (int i = running.size() - 1; i >= 0; i--) {
            AutoCloseable c = running.get(i);
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("ProductionShapeIT: stopping " + c + " failed: " + e);
            }
        }
    }

    @Test
    void aBrokerKilledMidBurstAndAnotherRestartedLoseNothingOnEitherQueryService() throws Exception {
        assertTopicIsReplicatedThreeTimesWithTwoInSync();
        String motionId = "shape-broker-faults";
        hall.openMotion(motionId);
        AtomicInteger requests = new AtomicInteger();
        // behind the test's client: request after request goes to one command-service instance, then the other
        VoteBurst burst = new VoteBurst(
                        hall,
                        motionId,
                        () -> commands.get(requests.getAndIncrement() % 2).baseUrl(),
                        Scenario.THREADS,
                        Scenario.RATE,
                        Duration.ofSeconds(400))
                .start();
        burst.awaitAcks(100, Duration.ofSeconds(60));
        long killedAt = burst.elapsedMillis();
        kafka.broker(0).kill();
        Thread.sleep(2000);
        kafka.broker(0).restart();
        long backAt = burst.elapsedMillis();
        kafka.broker(1).restart();
        System.out.printf(
                "[production shape] broker 1 killed at %d ms, back at %d ms; broker 2 restarted by %d ms%n",
                killedAt, backAt, burst.elapsedMillis());
        burst.awaitEnd();
        hall.closeMotion(motionId, Duration.ofSeconds(120));

        String scenario = "production shape: kill -9 a broker, restart another";
        System.out.printf("[%s] %s%n", scenario, burst.summary());
        for (int i = 0; i < queries.size(); i++) {
            Ledger.Counters counters = Ledger.check(
                    postgres.jdbcUrl(),
                    Hall.http(queries.get(i)::baseUrl),
                    motionId,
                    burst.acked,
                    Duration.ofSeconds(400));
            System.out.printf("[%s] query-service %d: %s%n", scenario, i + 1, counters);
            counters.assertAllZero(scenario + ", query-service " + (i + 1));
        }
        assertThat(burst.anomalies)
                .as(scenario + ": answers no phone should get")
                .isEmpty();
        assertThat(burst.gaveUp)
                .as(scenario + ": phones that never got an answer")
                .isEmpty();
        assertThat(burst.acked).as(scenario + ": acknowledged votes").hasSize(DELEGATES);
        assertThat(Ledger.storedVotes(postgres.jdbcUrl(), motionId))
                .as("stored votes")
                .hasSize(DELEGATES);
    }

    private void assertTopicIsReplicatedThreeTimesWithTwoInSync() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            TopicDescription topic = admin.describeTopics(List.of(RealServers.TOPIC))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .get(RealServers.TOPIC);
            assertThat(topic.partitions())
                    .as("partitions of " + RealServers.TOPIC)
                    .hasSize(RealServers.TOPIC_PARTITIONS)
                    .allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, RealServers.TOPIC);
            String minInsync = admin.describeConfigs(List.of(resource))
                    .all()
                    .get(30, TimeUnit.SECONDS)
                    .get(resource)
                    .get("min.insync.replicas")
                    .value();
            assertThat(minInsync).as("min.insync.replicas").isEqualTo("2");
        }
    }
}

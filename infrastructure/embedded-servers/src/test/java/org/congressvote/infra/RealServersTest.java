package org.congressvote.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealServers.class)
class RealServersTest {

    @Test
    void postgresAnswersOnItsJdbcUrlWithFsyncOn() throws Exception {
        try (Connection connection = DriverManager.getConnection(RealServers.jdbcUrl(), "postgres", "postgres");
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SHOW fsync")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("on");
        }
        assertThat(RealServers.postgres().isRunning()).isTrue();
    }

    @Test
    void theEventTopicExistsWithFourPartitionsAndUnlimitedRetentionBeforeAnyoneUsesIt() throws Exception {
        try (Admin admin = KafkaTopics.admin(RealServers.kafkaBootstrap())) {
            TopicDescription topic = admin.describeTopics(List.of(RealServers.TOPIC))
                    .allTopicNames()
                    .get()
                    .get(RealServers.TOPIC);
            assertThat(topic.partitions())
                    .hasSize(4)
                    .allSatisfy(p -> assertThat(p.leader()).isNotNull());
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, RealServers.TOPIC);
            String retention = admin.describeConfigs(Set.of(resource))
                    .all()
                    .get()
                    .get(resource)
                    .get("retention.ms")
                    .value();
            assertThat(retention).isEqualTo("-1");
        }
    }

    @Test
    void anAcknowledgedIdempotentRecordIsConsumedBack() throws Exception {
        RecordMetadata sent =
                KafkaRecords.produce(RealServers.kafkaBootstrap(), RealServers.TOPIC, "motion-1", "VoteCast D001");

        List<ConsumerRecord<String, String>> read =
                KafkaRecords.readFromStart(RealServers.kafkaBootstrap(), RealServers.TOPIC, 1);

        assertThat(read).anySatisfy(record -> {
            assertThat(record.partition()).isEqualTo(sent.partition());
            assertThat(record.key()).isEqualTo("motion-1");
            assertThat(record.value()).isEqualTo("VoteCast D001");
        });
    }

    @Test
    void mongoWireServerAnswersOnItsUri() {
        try (MongoClient client = MongoClients.create(RealServers.mongoUri())) {
            Document pong = client.getDatabase("congress").runCommand(new Document("ping", 1));
            assertThat(pong.get("ok")).isIn(1, 1.0);
        }
        assertThat(RealServers.mongoUri())
                .isEqualTo("mongodb://127.0.0.1:" + RealServers.mongo().port());
    }
}

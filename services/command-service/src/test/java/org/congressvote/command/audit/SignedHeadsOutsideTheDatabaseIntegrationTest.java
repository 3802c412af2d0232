package org.congressvote.command.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.congressvote.command.RealServersTest;
import org.congressvote.infra.RealServers;
import org.congressvote.testsupport.Answer;
import org.junit.jupiter.api.Test;

/**
 * The head the minutes print is on the Kafka topic congress-log-heads, outside the database, and the audit page finds
 * it again from the position printed beside it (the global index).
 */
class SignedHeadsOutsideTheDatabaseIntegrationTest extends RealServersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theHeadInTheMinutesIsOnTheHeadsTopicAndFoundByItsPosition() throws Exception {
        String congress = "heads-" + UUID.randomUUID().toString().substring(0, 8);
        String motion = congress + "-m";
        api().convene(congress, 1);
        api().post(
                        "/api/congresses/" + congress + "/motions",
                        "{\"motionId\":\"" + motion + "\",\"title\":\"Biểu quyết\"}");
        api().post("/api/motions/" + motion + "/open", "");
        assertThat(api().asDelegate(congress, "D001", "/api/motions/" + motion + "/votes", "{\"choice\":\"AGREE\"}")
                        .statusCode())
                .isEqualTo(201);
        api().post("/api/motions/" + motion + "/close", "");
        JsonNode minutes = await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> {
                            Answer m = api().send("GET", "/api/minutes/motions/" + motion, null, api().admin());
                            return m.statusCode() == 200 ? JSON.readTree(m.body()) : null;
                        },
                        m -> m != null);
        JsonNode printed = minutes.get("treeHead");
        long closePosition = minutes.get("closePosition").asLong();

        JsonNode at = api().get("/api/audit/heads/at?position=" + closePosition);
        assertThat(at.get("head").get("rootHash").asText())
                .isEqualTo(printed.get("rootHash").asText());
        assertThat(at.get("head").get("size").asLong())
                .isEqualTo(printed.get("size").asLong());
        assertThat(at.get("signatureValid").asBoolean()).isTrue();
        assertThat(at.get("headLastPosition").asLong()).isGreaterThanOrEqualTo(closePosition);
        assertThat(at.get("chainPosition").asLong())
                .isLessThanOrEqualTo(printed.get("size").asLong());
        JsonNode none = api().get("/api/audit/heads/at?position=" + Long.MAX_VALUE / 2);
        assertThat(none.get("head").isNull()).isTrue();
        assertThat(none.get("reason").asText()).contains("No chained event");

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(readHeadsTopic()).anySatisfy(h -> {
                    assertThat(h.get("size").asLong())
                            .isEqualTo(printed.get("size").asLong());
                    assertThat(h.get("rootHash").asText())
                            .isEqualTo(printed.get("rootHash").asText());
                    assertThat(h.get("signature").asText())
                            .isEqualTo(printed.get("signature").asText());
                    assertThat(h.get("keyId").asText())
                            .isEqualTo(printed.get("keyId").asText());
                    assertThat(h.get("signedText").asText())
                            .startsWith("congress-vote tree head v1\n"
                                    + printed.get("size").asLong());
                }));
    }

    private List<JsonNode> readHeadsTopic() throws Exception {
        List<JsonNode> heads = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        RealServers.kafkaBootstrap(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        "false"),
                new StringDeserializer(),
                new StringDeserializer())) {
            TopicPartition partition = new TopicPartition("congress-log-heads", 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    heads.add(JSON.readTree(record.value()));
                }
            }
        }
        return heads;
    }
}

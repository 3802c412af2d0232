package org.congressvote.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerProcessTest {

    @TempDir
    Path tempDir;

    @Test
    void acknowledgedRecordsSurviveAKillAndARestartOnTheSameFolder() throws Exception {
        try (KafkaBrokerProcess kafka = KafkaBrokerProcess.start(tempDir.resolve("kafka"), 0, 0)) {
            kafka.createTopic("ballots", 2);
            kafka.createTopic("ballots", 2); // idempotent
            KafkaRecords.produce(kafka.bootstrapServers(), "ballots", "m1", "first");
            long firstPid = kafka.pid();

            kafka.kill();
            assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false))
                    .isFalse();
            kafka.restart();

            assertThat(kafka.pid()).isNotEqualTo(firstPid);
            KafkaRecords.produce(kafka.bootstrapServers(), "ballots", "m1", "second");
            List<ConsumerRecord<String, String>> read =
                    KafkaRecords.readFromStart(kafka.bootstrapServers(), "ballots", 2);
            assertThat(read).extracting(ConsumerRecord::value).containsExactly("first", "second");
        }
        assertThat(Files.readString(tempDir.resolve("kafka/kafka.log"))).contains("Kafka Server started");
    }
}

package org.congressvote.command.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PreDestroy;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.extensions.kafka.KafkaProperties;
import org.congressvote.command.CommandServiceProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Publishes every signed tree head to its own Kafka topic (one partition, kept forever), outside the database a DBA
 * controls: the projector shows the newest, and anyone who reads the topic holds heads that a rewritten log must
 * still extend. A head that cannot be sent is logged; the next head covers it (each head is over the whole log).
 */
@Component
class HeadsTopic {

    private static final Logger LOG = LoggerFactory.getLogger(HeadsTopic.class);

    private final String servers;
    private final String topic;
    private final ObjectMapper json;
    private volatile KafkaProducer<String, String> producer;

    HeadsTopic(KafkaProperties kafka, CommandServiceProperties properties, ObjectMapper json) {
        this.servers = String.join(",", kafka.getBootstrapServers());
        this.topic = properties.logSigning().headsTopic();
        this.json = json;
    }

    /** The head as JSON: its fields and {@code signedText}, exactly what the signature covers. Key: the key id. */
    void publish(TreeHead head) {
        try {
            String value = json.writeValueAsString(Map.of(
                    "size",
                    head.size(),
                    "rootHash",
                    head.rootHash(),
                    "signedAt",
                    head.signedAt(),
                    "keyId",
                    head.keyId(),
                    "publicKey",
                    head.publicKey(),
                    "signature",
                    head.signature(),
                    "reason",
                    head.reason() == null ? "" : head.reason(),
                    "signedText",
                    head.message()));
            producer().send(new ProducerRecord<>(topic, head.keyId(), value)).get(10, TimeUnit.SECONDS);
        } catch (JsonProcessingException | ExecutionException | TimeoutException | RuntimeException e) {
            LOG.error("Could not publish the tree head over {} events to topic {}", head.size(), topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized KafkaProducer<String, String> producer()
            throws ExecutionException, InterruptedException, TimeoutException {
        if (producer == null) {
            Properties admin = new Properties();
            admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
            try (Admin client = Admin.create(admin)) {
                client.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of("retention.ms", "-1"))))
                        .all()
                        .get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            props.put(ProducerConfig.CLIENT_ID_CONFIG, "log-heads");
            producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close();
        }
    }
}

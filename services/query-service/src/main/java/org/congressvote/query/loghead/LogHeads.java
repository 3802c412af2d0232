package org.congressvote.query.loghead;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.congressvote.query.QueryServiceProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The newest signed tree head of the log, read from the topic the command side publishes every head to, for the
 * projector: the hall sees the log's size, root and key id as signed, and the signature is checked here (Ed25519,
 * the JDK's own) before it is shown.
 */
@RestController
class LogHeads {

    private static final Logger LOG = LoggerFactory.getLogger(LogHeads.class);
    /** ASN.1 prefix of an X.509 Ed25519 public key, before the raw 32 bytes. */
    private static final byte[] ED25519_SPKI = HexFormat.of().parseHex("302a300506032b6570032100");

    /** A head as published, and whether its signature verifies under its public key. */
    record LogHead(
            long size,
            String rootHash,
            String signedAt,
            String keyId,
            String signature,
            String signedText,
            boolean signatureValid) {}

    private final String servers;
    private final String topic;
    private final ObjectMapper json;
    private volatile LogHead latest;
    private volatile KafkaConsumer<String, String> consumer;
    private volatile boolean stopped;
    private final boolean read;

    @Autowired
    LogHeads(
            @Value("${axon.kafka.bootstrap-servers}") String servers,
            QueryServiceProperties properties,
            ObjectMapper json) {
        this(servers, properties.logHeads().topic(), properties.logHeads().read(), json);
    }

    LogHeads(String servers, String topic, boolean read, ObjectMapper json) {
        this.servers = servers;
        this.topic = topic;
        this.read = read;
        this.json = json;
    }

    @GetMapping("/api/log/head")
    ResponseEntity<LogHead> head() {
        LogHead head = latest;
        return head == null ? ResponseEntity.noContent().build() : ResponseEntity.ok(head);
    }

    Optional<LogHead> latest() {
        return Optional.ofNullable(latest);
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (!read) {
            return;
        }
        Thread reader = new Thread(this::read, "log-heads-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        while (!stopped) {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            props.put(ConsumerConfig.CLIENT_ID_CONFIG, "log-heads-reader");
            try (KafkaConsumer<String, String> c =
                    new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
                consumer = c;
                TopicPartition partition = new TopicPartition(topic, 0);
                while (!stopped
                        && c.partitionsFor(topic, Duration.ofSeconds(10)).isEmpty()) {
                    Thread.sleep(5000); // the command side creates the topic with its first head
                }
                c.assign(List.of(partition));
                c.seekToBeginning(List.of(partition));
                while (!stopped) {
                    for (var record : c.poll(Duration.ofSeconds(1))) {
                        LogHead head = parse(record.value());
                        if (head != null && head.signatureValid() && (latest == null || head.size() >= latest.size())) {
                            latest = head;
                        }
                    }
                }
            } catch (WakeupException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("Reading the log heads from {} failed; trying again in 5 s: {}", topic, e.toString());
                try {
                    Thread.sleep(5000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** The head in a record's value, with its signature checked; null if the value is not a head. */
    LogHead parse(String value) {
        try {
            JsonNode h = json.readTree(value);
            String signedText = "congress-vote tree head v1\n" + h.get("size").asLong() + "\n"
                    + h.get("rootHash").asText() + "\n" + h.get("signedAt").asText() + "\n"
                    + h.get("keyId").asText();
            return new LogHead(
                    h.get("size").asLong(),
                    h.get("rootHash").asText(),
                    h.get("signedAt").asText(),
                    h.get("keyId").asText(),
                    h.get("signature").asText(),
                    signedText,
                    verify(
                            h.get("keyId").asText(),
                            h.get("publicKey").asText(),
                            signedText,
                            h.get("signature").asText()));
        } catch (Exception e) {
            LOG.warn("A record on {} is not a tree head: {}", topic, e.toString());
            return null;
        }
    }

    private static boolean verify(String keyId, String publicKeyHex, String text, String signatureHex) {
        try {
            byte[] raw = HexFormat.of().parseHex(publicKeyHex);
            if (!HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(raw))
                    .substring(0, 16)
                    .equals(keyId)) {
                return false; // a head verifies only under the key its id names
            }
            byte[] spki = new byte[ED25519_SPKI.length + raw.length];
            System.arraycopy(ED25519_SPKI, 0, spki, 0, ED25519_SPKI.length);
            System.arraycopy(raw, 0, spki, ED25519_SPKI.length, raw.length);
            PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(text.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(HexFormat.of().parseHex(signatureHex));
        } catch (Exception e) {
            return false;
        }
    }

    @PreDestroy
    void stop() {
        stopped = true;
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }
}

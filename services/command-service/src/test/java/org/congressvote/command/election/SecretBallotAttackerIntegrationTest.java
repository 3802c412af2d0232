package org.congressvote.command.election;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.congressvote.command.RealServersTest;
import org.congressvote.command.TestApi;
import org.congressvote.infra.RealServers;
import org.junit.jupiter.api.Test;

/**
 * Reads everything an attacker with the event store and the Kafka topic could read, after a secret-ballot round in
 * which every delegate's ballot is unique and cast in a known order, and shows that no ballot can be tied to a
 * delegate: no ballot content beside a delegate, no shared identifier, no time, and an order of release that does not
 * follow the order of casting.
 */
class SecretBallotAttackerIntegrationTest extends RealServersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DELEGATES = 60;
    private static final List<String> CANDIDATES = List.of(
            "CAND-ALPHA",
            "CAND-BRAVO",
            "CAND-CHARLIE",
            "CAND-DELTA",
            "CAND-ECHO",
            "CAND-FOXTROT",
            "CAND-GOLF",
            "CAND-HOTEL");

    @Test
    void noBallotCanBeTiedToADelegateFromTheLogOrTheTopic() throws Exception {
        TestApi api = api();
        String congress = "secret-" + UUID.randomUUID().toString().substring(0, 8);
        api.convene(congress, DELEGATES);
        String election = congress + "-bch";
        api.post(
                "/api/congresses/" + congress + "/elections",
                "{\"electionId\":\"" + election + "\",\"title\":\"Bầu BCH\",\"seats\":4}");
        StringBuilder candidates = new StringBuilder();
        for (String c : CANDIDATES) {
            candidates
                    .append(candidates.length() == 0 ? "" : ",")
                    .append("{\"candidateId\":\"")
                    .append(c)
                    .append("\",\"fullName\":\"Ứng viên ")
                    .append(c)
                    .append("\"}");
        }
        api.post("/api/elections/" + election + "/rounds", "{\"candidates\":[" + candidates + "]}");
        api.post("/api/elections/" + election + "/open", "");
        String round = election + "-r1";

        // Delegate i casts the i-th distinct ballot, in order: whoever can recover who cast which has broken secrecy.
        List<List<String>> patterns = patterns();
        Map<String, Integer> castOrderOfPattern = new HashMap<>();
        for (int i = 0; i < DELEGATES; i++) {
            List<String> kept = patterns.get(i);
            castOrderOfPattern.put(String.join("+", kept), i);
            String body =
                    "{\"kept\":" + JSON.writeValueAsString(kept) + ",\"requestId\":\"" + UUID.randomUUID() + "\"}";
            assertThat(api.asDelegate(congress, TestApi.delegateId(i + 1), "/api/rounds/" + round + "/ballots", body)
                            .statusCode())
                    .isEqualTo(201);
        }
        api.post("/api/elections/" + election + "/close", "");

        // --- the attacker reads the event store ---
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT globalindex, aggregateidentifier, payloadtype, timestamp, "
                        + "convert_from(payload, 'UTF8') AS payload, convert_from(metadata, 'UTF8') AS metadata FROM domainevententry "
                        + "WHERE aggregateidentifier LIKE ? OR aggregateidentifier = ?",
                "ballot:" + round + ":%",
                election);
        List<Map<String, Object>> participation = rows.stream()
                .filter(r -> ((String) r.get("payloadtype")).endsWith("BallotCastEvent"))
                .toList();
        Map<String, Object> closing = rows.stream()
                .filter(r -> ((String) r.get("payloadtype")).endsWith("RoundClosedEvent"))
                .findFirst()
                .orElseThrow();
        assertThat(participation).hasSize(DELEGATES);

        // 1. Participation names the delegate and nothing of any ballot.
        for (Map<String, Object> p : participation) {
            String all = p.get("payload") + " " + p.get("metadata");
            CANDIDATES.forEach(c -> assertThat(all)
                    .as("participation event carries ballot content")
                    .doesNotContain(c));
        }
        // 2. Released ballots carry only what a paper ballot shows: nothing shared with participation, no time, no
        //    delegate, and no receipt (the counted receipts are published apart, so a receipt never shows content).
        JsonNode released = JSON.readTree((String) closing.get("payload")).get("ballots");
        assertThat(released).hasSize(DELEGATES);
        Set<String> participationValues = new HashSet<>();
        for (Map<String, Object> p : participation) {
            collectValues(JSON.readTree((String) p.get("payload")), participationValues);
            collectValues(JSON.readTree((String) p.get("metadata")), participationValues);
            participationValues.add(String.valueOf(p.get("timestamp")));
        }
        for (JsonNode ballot : released) {
            Set<String> fields = new HashSet<>();
            ballot.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactlyInAnyOrder("kept", "valid", "receiptHash");
            assertThat(ballot.get("receiptHash").isNull())
                    .as("a released ballot beside its receipt")
                    .isTrue();
            Set<String> values = new HashSet<>();
            collectValues(ballot, values);
            values.retainAll(participationValues);
            assertThat(values)
                    .as("values a released ballot shares with participation events")
                    .isEmpty();
        }
        // 3. The order of release says nothing of the order of casting.
        List<Integer> castOrderInRelease = new ArrayList<>();
        for (JsonNode ballot : released) {
            List<String> kept = new ArrayList<>();
            ballot.get("kept").forEach(k -> kept.add(k.asText()));
            castOrderInRelease.add(castOrderOfPattern.get(String.join("+", kept)));
        }
        assertThat(castOrderInRelease).doesNotContainNull();
        double rho = spearman(castOrderInRelease);
        assertThat(Math.abs(rho))
                .as("rank correlation between casting and release order")
                .isLessThan(0.45);
        // 4. The box is empty: nothing of the content stays beside the transaction that recorded the participation.
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ballot_box WHERE round_id = ?", Long.class, round))
                .isZero();

        // --- the attacker reads the Kafka topic ---
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealServers.kafkaBootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "attacker-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        int participationRecords = 0;
        boolean closingRecord = false;
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(RealServers.TOPIC));
            long deadline = System.currentTimeMillis() + 30_000;
            while ((participationRecords < DELEGATES || !closingRecord) && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    String value = new String(record.value(), StandardCharsets.UTF_8);
                    StringBuilder headers = new StringBuilder();
                    for (Header h : record.headers()) {
                        headers.append(h.key())
                                .append('=')
                                .append(h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8))
                                .append(' ');
                    }
                    if (record.key() != null && record.key().startsWith("ballot:" + round + ":")) {
                        participationRecords++;
                        String all = value + " " + headers;
                        CANDIDATES.forEach(c -> assertThat(all)
                                .as("Kafka participation record carries ballot content")
                                .doesNotContain(c));
                    }
                    if (election.equals(record.key()) && value.contains("\"ballots\"")) {
                        closingRecord = true;
                        for (int d = 1; d <= DELEGATES; d++) {
                            assertThat(value)
                                    .as("the released ballots name a delegate")
                                    .doesNotContain("\"" + TestApi.delegateId(d) + "\"");
                        }
                    }
                }
            }
        }
        assertThat(participationRecords).isEqualTo(DELEGATES);
        assertThat(closingRecord).isTrue();
    }

    /** 60 distinct valid ballots on 8 candidates for 4 seats. */
    private static List<List<String>> patterns() {
        List<List<String>> all = new ArrayList<>();
        for (int mask = 1; mask < 256 && all.size() < DELEGATES; mask++) {
            if (Integer.bitCount(mask) <= 4) {
                List<String> kept = new ArrayList<>();
                for (int b = 0; b < 8; b++) {
                    if ((mask & (1 << b)) != 0) {
                        kept.add(CANDIDATES.get(b));
                    }
                }
                all.add(kept);
            }
        }
        return all;
    }

    private static void collectValues(JsonNode node, Set<String> into) {
        if (node == null || node.isNull()) {
            return;
        }
        if (node.isValueNode()) {
            into.add(node.asText());
            return;
        }
        Iterator<JsonNode> children = node.elements();
        while (children.hasNext()) {
            JsonNode child = children.next();
            if (child.isValueNode()
                    && (child.asText().equals("true") || child.asText().equals("false"))) {
                continue; // booleans say nothing
            }
            collectValues(child, into);
        }
    }

    /** Spearman's rank correlation of a permutation of 0..n-1 against its positions. */
    private static double spearman(List<Integer> ranks) {
        int n = ranks.size();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double d = i - ranks.get(i);
            sum += d * d;
        }
        return 1 - 6 * sum / (n * ((double) n * n - 1));
    }
}

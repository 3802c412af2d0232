package org.congressvote.command.audit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;

/**
 * Command-line verification of the event log, for the vote-counting committee:
 * {@code infrastructure/verify-log.sh [jdbc-url [user [password]]] [--head SIZE ROOT [--key-id KEYID]]
 * [--cross-check KAFKA_SERVERS [--topic TOPIC]]}.
 * Walks the chain, names rows outside it, checks the signed tree heads and, with {@code --head}, proves that the log
 * as stored now extends a head copied from paper (the minutes); with {@code --cross-check}, compares the log with the
 * Kafka topic event by event. Exit code 0 when intact, 1 when not, 2 on error.
 */
public final class VerifyLogCli {

    private VerifyLogCli() {}

    public static void main(String[] args) {
        List<String> positional = new ArrayList<>();
        Long headSize = null;
        String headRoot = null;
        String keyId = null;
        String kafka = null;
        String topic = "congress-events";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--head" -> {
                    headSize = Long.parseLong(args[++i]);
                    headRoot = args[++i].toLowerCase();
                }
                case "--key-id" -> keyId = args[++i];
                case "--cross-check" -> kafka = args[++i];
                case "--topic" -> topic = args[++i];
                default -> positional.add(args[i]);
            }
        }
        String url = positional.size() > 0 ? positional.get(0) : "jdbc:postgresql://127.0.0.1:15432/congress";
        String user = positional.size() > 1 ? positional.get(1) : "postgres";
        String password = positional.size() > 2 ? positional.get(2) : "postgres";
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            int verified = run(connection, headSize, headRoot, keyId);
            int crossChecked = kafka == null ? 0 : crossCheck(connection, kafka, topic, CrossCheck.GRACE);
            System.exit(Math.max(verified, crossChecked));
        } catch (Exception e) {
            System.err.println("Could not verify the log at " + url + ": " + e.getMessage());
            System.exit(2);
        }
    }

    static int run(Connection connection, Long headSize, String headRoot, String keyId) throws Exception {
        ChainVerifier.Verification v = ChainVerifier.verify(connection, ChainVerifier.GRACE);
        boolean ok = v.intact();
        if (v.intact()) {
            System.out.println("INTACT: " + v.chained() + " events chained; head hash " + v.headHash()
                    + (v.unchainedEvents() > 0
                            ? "; " + v.unchainedEvents() + " newest events not chained yet (within "
                                    + ChainVerifier.GRACE.toSeconds() + " s)"
                            : "")
                    + "; " + v.treeHeads().headsChecked()
                    + " signed tree heads reproduced");
        } else {
            System.out.println("BROKEN: " + v.reason());
            if (v.brokenAtPosition() != null) {
                System.out.println("  chain breaks at position " + v.brokenAtPosition() + " (global index "
                        + v.brokenAtGlobalIndex() + "); the first " + v.chained() + " events are intact");
            }
            for (LogIntegrity.Anomaly a : v.anomalies()) {
                System.out.println("  " + a.describe());
            }
            if (v.treeHeads() != null && !v.treeHeads().ok()) {
                System.out.println("  tree heads: " + v.treeHeads().reason());
            }
        }
        if (headSize != null) {
            LogAnchor.Consistency c = LogAnchor.consistency(
                    LogAnchor.leaves(connection), LogAnchor.heads(connection), headSize, headRoot);
            if (c.consistent()) {
                System.out.println("EXTENDS the head from paper (" + headSize + " events, " + headRoot + "): "
                        + "consistency proof to the newest signed head (" + c.toSize() + " events, " + c.toRoot()
                        + ", key " + c.toHead().keyId() + ") verified with "
                        + c.proof().size() + " hashes");
            } else {
                System.out.println("DOES NOT EXTEND the head from paper (" + headSize + " events, " + headRoot + "): "
                        + c.reason());
                ok = false;
            }
            if (keyId != null
                    && c.toHead() != null
                    && !keyId.equalsIgnoreCase(c.toHead().keyId())) {
                System.out.println("KEY MISMATCH: the newest head is signed by key "
                        + c.toHead().keyId() + ", not by "
                        + keyId + " printed on paper: the key was rotated (docs/security.md), or the head is not the "
                        + "service's");
                ok = false;
            }
        }
        return ok ? 0 : 1;
    }

    /** Prints the cross-check of the log against the topic; 0 when they agree, 1 when an event is named. */
    static int crossCheck(Connection connection, String kafka, String topic, java.time.Duration grace)
            throws Exception {
        CrossCheck.Report report = CrossCheck.run(connection, kafka, topic, grace);
        System.out.println((report.consistent() ? "KAFKA AGREES: " : "KAFKA DISAGREES: ") + report.postgresEvents()
                + " events in PostgreSQL, " + report.kafkaRecords() + " records on " + topic + " ("
                + report.duplicates() + " published twice alike, " + report.pending() + " within "
                + report.graceSeconds() + " s of being stored and not yet published)");
        for (CrossCheck.Anomaly a : report.anomalies()) {
            System.out.println("  " + a.describe());
        }
        return report.consistent() ? 0 : 1;
    }
}

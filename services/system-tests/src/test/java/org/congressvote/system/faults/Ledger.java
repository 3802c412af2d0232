package org.congressvote.system.faults;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.congressvote.infra.RealServers;
import org.congressvote.testsupport.Answer;
import org.congressvote.testsupport.CongressApi;

/**
 * The three counters every fault test ends with, comparing what the phones were told (201s), what the event store
 * holds (the legal record, read with SQL) and what the query side shows (the public tally):
 * <ul>
 *   <li>acknowledged votes missing: a 201 whose vote is not in the log, or not counted in the tally;</li>
 *   <li>votes counted twice: more than one stored vote of a delegate, or a tally above the number stored;</li>
 *   <li>tallies that disagree with the event log: a choice whose public count differs from the log's count or from
 *   the counts the close event carries.</li>
 * </ul>
 */
final class Ledger {

    private static final String VOTE_CAST = "org.congressvote.api.vote.VoteCastEvent";

    record StoredVote(String delegateId, String choice, String requestId) {}

    record Counters(int acknowledgedMissing, int countedTwice, int talliesDisagreeing, List<String> details) {

        /** One assertion with all three counters and the evidence, so that a failure says everything at once. */
        void assertAllZero(String scenario) {
            if (acknowledgedMissing != 0 || countedTwice != 0 || talliesDisagreeing != 0) {
                throw new AssertionError(scenario + ": acknowledged votes missing " + acknowledgedMissing
                        + " (want 0), votes counted twice " + countedTwice + " (want 0), tallies disagreeing with "
                        + "the event log " + talliesDisagreeing + " (want 0)\n  " + String.join("\n  ", details));
            }
        }

        @Override
        public String toString() {
            return "acknowledged missing " + acknowledgedMissing + ", counted twice " + countedTwice
                    + ", tallies disagreeing " + talliesDisagreeing;
        }
    }

    private Ledger() {}

    /** The votes of a motion in the event store, in log order (several per delegate would be a double count). */
    static List<StoredVote> storedVotes(String motionId) throws Exception {
        return storedVotes(RealServers.jdbcUrl(), motionId);
    }

    static List<StoredVote> storedVotes(String jdbcUrl, String motionId) throws Exception {
        List<StoredVote> votes = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                PreparedStatement q = db.prepareStatement("SELECT convert_from(payload, 'UTF8') FROM domainevententry "
                        + "WHERE payloadtype = ? AND convert_from(payload, 'UTF8')::json ->> 'motionId' = ? "
                        + "ORDER BY globalindex")) {
            q.setString(1, VOTE_CAST);
            q.setString(2, motionId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    JsonNode vote = CongressApi.JSON.readTree(rs.getString(1));
                    votes.add(new StoredVote(
                            vote.get("delegateId").asText(),
                            vote.get("choice").asText(),
                            vote.path("requestId").asText(null)));
                }
            }
        }
        return votes;
    }

    /** The counts carried by the motion's close event, or null while it is open. */
    static Map<String, Long> closeCounts(String jdbcUrl, String motionId) throws Exception {
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                PreparedStatement q = db.prepareStatement("SELECT convert_from(payload, 'UTF8') FROM domainevententry "
                        + "WHERE aggregateidentifier = ? AND payloadtype LIKE '%.MotionClosedEvent'")) {
            q.setString(1, motionId);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                JsonNode closed = CongressApi.JSON.readTree(rs.getString(1));
                return Map.of(
                        "AGREE",
                        closed.get("agree").asLong(),
                        "DISAGREE",
                        closed.get("disagree").asLong(),
                        "ABSTAIN",
                        closed.get("abstain").asLong());
            }
        }
    }

    static Map<String, Long> countByChoice(Collection<StoredVote> votes) {
        Map<String, Long> counts = new HashMap<>(Map.of("AGREE", 0L, "DISAGREE", 0L, "ABSTAIN", 0L));
        votes.forEach(v -> counts.merge(v.choice(), 1L, Long::sum));
        return counts;
    }

    /**
     * Waits (up to {@code settle}) for the public tally to show the closed motion with the log's counts, then counts
     * what is missing, doubled or disagreeing. Never throws on a mismatch: the counters say it.
     */
    static Counters check(Hall system, String motionId, Map<String, VoteBurst.Ack> acked, Duration settle)
            throws Exception {
        return check(system.jdbcUrl(), system.publicQueries, motionId, acked, settle);
    }

    /** As above, with the tally of one query-service among several. */
    static Counters check(
            String jdbcUrl,
            CongressApi publicQueries,
            String motionId,
            Map<String, VoteBurst.Ack> acked,
            Duration settle)
            throws Exception {
        List<StoredVote> stored = storedVotes(jdbcUrl, motionId);
        Map<String, Long> logCounts = countByChoice(stored);
        JsonNode tally = null;
        long end = System.nanoTime() + settle.toNanos();
        while (System.nanoTime() < end) {
            try {
                Answer answer = publicQueries.get("/api/motions/" + motionId + "/tally");
                if (answer.statusCode() == 200) {
                    tally = answer.json();
                    if ("CLOSED".equals(tally.path("status").asText()) && matches(tally, logCounts)) {
                        break;
                    }
                }
            } catch (java.io.IOException queryServiceAway) {
                // still restarting
            }
            Thread.sleep(200);
        }
        return count(motionId, acked, stored, logCounts, closeCounts(jdbcUrl, motionId), tally);
    }

    private static boolean matches(JsonNode tally, Map<String, Long> counts) {
        return tally.path("agree").asLong(-1) == counts.get("AGREE")
                && tally.path("disagree").asLong(-1) == counts.get("DISAGREE")
                && tally.path("abstain").asLong(-1) == counts.get("ABSTAIN");
    }

    static Counters count(
            String motionId,
            Map<String, VoteBurst.Ack> acked,
            List<StoredVote> stored,
            Map<String, Long> logCounts,
            Map<String, Long> closeCounts,
            JsonNode tally) {
        List<String> details = new ArrayList<>();
        Map<String, List<StoredVote>> byDelegate = new HashMap<>();
        stored.forEach(v -> byDelegate
                .computeIfAbsent(v.delegateId(), k -> new ArrayList<>())
                .add(v));

        int missing = 0;
        for (VoteBurst.Ack ack : acked.values()) {
            List<StoredVote> votes = byDelegate.getOrDefault(ack.delegateId(), List.of());
            if (votes.stream().noneMatch(v -> v.choice().equals(ack.choice()))) {
                missing++;
                details.add("acknowledged but not in the log as acknowledged: " + ack.delegateId() + " " + ack.choice()
                        + " (log has " + votes + ")");
            }
        }
        // The tally has counts, not names: an acknowledged vote is missing from it when its choice is under-counted.
        Map<String, Long> ackCounts = new HashMap<>(Map.of("AGREE", 0L, "DISAGREE", 0L, "ABSTAIN", 0L));
        acked.values().forEach(a -> ackCounts.merge(a.choice(), 1L, Long::sum));
        long tallyVoted = tally == null ? -1 : tally.path("voted").asLong(-1);
        for (String choice : VoteBurst.CHOICES) {
            long shown = tally == null ? 0 : tally.path(choice.toLowerCase()).asLong(0);
            if (shown < ackCounts.get(choice)) {
                missing += (int) (ackCounts.get(choice) - shown);
                details.add("tally shows " + shown + " " + choice + " but " + ackCounts.get(choice)
                        + " such votes were acknowledged");
            }
        }

        int twice = 0;
        for (var entry : byDelegate.entrySet()) {
            if (entry.getValue().size() > 1) {
                twice += entry.getValue().size() - 1;
                details.add("stored more than once: " + entry.getKey() + " " + entry.getValue());
            }
        }
        if (tallyVoted > byDelegate.size()) {
            twice += (int) (tallyVoted - byDelegate.size());
            details.add("tally counts " + tallyVoted + " voters, the log holds " + byDelegate.size() + " distinct");
        }

        int disagreeing = 0;
        if (tally == null) {
            disagreeing++;
            details.add("no tally from the query side for " + motionId);
        } else {
            if (!"CLOSED".equals(tally.path("status").asText())) {
                disagreeing++;
                details.add("tally status " + tally.path("status").asText() + ", the log has the motion closed");
            }
            for (String choice : VoteBurst.CHOICES) {
                long shown = tally.path(choice.toLowerCase()).asLong(-1);
                if (shown != logCounts.get(choice)) {
                    disagreeing++;
                    details.add("tally " + choice + " = " + shown + ", event log = " + logCounts.get(choice));
                }
            }
        }
        if (closeCounts == null) {
            disagreeing++;
            details.add("no MotionClosedEvent in the log for " + motionId);
        } else if (!closeCounts.equals(logCounts)) {
            disagreeing++;
            details.add("close event counts " + closeCounts + ", votes in the log " + logCounts);
        }
        details.add("summary: acknowledged " + acked.size() + ", stored " + stored.size() + " (" + byDelegate.size()
                + " delegates), log counts " + logCounts + ", close event " + closeCounts + ", tally " + tally);
        return new Counters(missing, twice, disagreeing, details);
    }
}

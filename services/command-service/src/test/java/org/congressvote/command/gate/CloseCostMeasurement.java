package org.congressvote.command.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.serialization.Serializer;
import org.congressvote.api.vote.VoteCastEvent;
import org.congressvote.api.vote.VoteChoice;
import org.congressvote.api.vote.VoteId;
import org.congressvote.command.CommandServiceProperties;
import org.congressvote.command.RealServersTest;
import org.congressvote.command.audit.LogChain;
import org.congressvote.command.audit.LogIntegrity;
import org.congressvote.command.eventstore.StoredEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Not a test: the measurement of docs/benchmarks.md ("The close's count at 245 and 100,000 votes"), run by hand with
 * {@code -Dcongress.measure.close=true}. On the real PostgreSQL, in a scratch schema holding only the motion's votes
 * (real payloads from the event serializer, chained as the audit chain chains them, and their vote records): the
 * close's count the former way (the log verified and each vote checked against its chain link, then the choices
 * read from the payloads' JSON in SQL) against {@link JdbcVotingGate#countVotes} (the same verification, each event
 * decoded by the event store and matched with its record, the count from the records). Prints its figures and
 * asserts only that both ways count the same.
 */
@EnabledIfSystemProperty(named = "congress.measure.close", matches = "true")
class CloseCostMeasurement extends RealServersTest {

    @Autowired
    private DataSource dataSource;

    @Autowired
    @Qualifier("eventSerializer")
    private Serializer serializer;

    @Autowired
    private StoredEvents storedEvents;

    @Autowired
    private CommandServiceProperties properties;

    @Test
    void measureTheClosesCountAt245AndAHundredThousandVotes() throws Exception {
        measure(245, 21); // also warms the JIT up: the figures of docs/benchmarks.md are those of the last line
        measure(100_000, 5);
        measure(245, 21);
    }

    private void measure(int votes, int rounds) throws Exception {
        String motion = "measure-" + votes;
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS measure CASCADE");
            s.execute("CREATE SCHEMA measure");
            for (String table : List.of("domainevententry", "event_chain", "vote_record")) {
                s.execute("CREATE TABLE measure." + table + " (LIKE public." + table + " INCLUDING ALL)");
            }
            c.setAutoCommit(false);
            seed(c, motion, votes);
            c.commit();
            s.execute("ANALYZE measure.domainevententry");
            s.execute("ANALYZE measure.event_chain");
            s.execute("ANALYZE measure.vote_record");
            s.execute("SET search_path TO measure");
            c.commit();

            JdbcTemplate scratch = new JdbcTemplate(new SingleConnectionDataSource(c, true));
            JdbcVotingGate gate = new JdbcVotingGate(scratch, properties, new VoteRecords(scratch, storedEvents));
            Duration grace = properties.audit().chainGrace();
            long[] former = new long[rounds];
            long[] now = new long[rounds];
            long[] verifyOnly = new long[rounds];
            VotingGate.VoteCount formerCount = null;
            VotingGate.VoteCount count = null;
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                LogIntegrity.requireIntactForCount(c, grace, VoteId.firstOfMotion(motion), VoteId.afterMotion(motion));
                formerCount = formerCount(scratch, motion);
                former[r] = System.nanoTime() - t0;
                c.commit();
                long t1 = System.nanoTime();
                count = gate.countVotes(motion);
                now[r] = System.nanoTime() - t1;
                c.commit();
                long t2 = System.nanoTime();
                LogIntegrity.requireIntactForCount(c, grace, VoteId.firstOfMotion(motion), VoteId.afterMotion(motion));
                verifyOnly[r] = System.nanoTime() - t2;
                c.commit();
            }
            assertThat(count).isEqualTo(formerCount);
            assertThat(count.agree() + count.disagree() + count.abstain()).isEqualTo(votes);

            s.execute("SET search_path TO public");
            s.execute("DROP SCHEMA measure CASCADE");
            c.commit();
            c.setAutoCommit(true);
            System.out.printf(
                    "CLOSE COST at %,d votes: former (verify + JSON in SQL) median %.1f ms (min %.1f); "
                            + "now (verify + decode and match each record + count the records) median %.1f ms "
                            + "(min %.1f); the verification alone (common to both) median %.1f ms; %d rounds%n",
                    votes,
                    median(former) / 1e6,
                    Arrays.stream(former).min().orElse(0) / 1e6,
                    median(now) / 1e6,
                    Arrays.stream(now).min().orElse(0) / 1e6,
                    median(verifyOnly) / 1e6,
                    rounds);
        }
    }

    /** The former count, as JdbcVotingGate read it before issue 12 (kept here only to measure it). */
    private static VotingGate.VoteCount formerCount(JdbcTemplate jdbc, String motion) {
        return jdbc.queryForObject(
                "SELECT count(*) FILTER (WHERE choice = 'AGREE'), count(*) FILTER (WHERE choice = 'DISAGREE'), "
                        + "count(*) FILTER (WHERE choice = 'ABSTAIN') FROM (SELECT convert_from(payload, 'UTF8')::json"
                        + "->>'choice' AS choice FROM domainevententry WHERE aggregateidentifier >= ? "
                        + "AND aggregateidentifier < ? AND sequencenumber = 0 AND globalindex > 0) votes",
                (rs, n) -> new VotingGate.VoteCount(rs.getLong(1), rs.getLong(2), rs.getLong(3)),
                VoteId.firstOfMotion(motion),
                VoteId.afterMotion(motion));
    }

    /** The votes as the event store, the audit chain and the vote records would hold them. */
    private void seed(Connection c, String motion, int votes) throws Exception {
        VoteChoice[] choices = VoteChoice.values();
        try (PreparedStatement event = c.prepareStatement("INSERT INTO measure.domainevententry (globalindex, "
                        + "aggregateidentifier, sequencenumber, type, eventidentifier, metadata, payload, payloadrevision, "
                        + "payloadtype, timestamp) VALUES (?, ?, 0, 'Vote', ?, ?, ?, NULL, ?, ?)");
                PreparedStatement record = c.prepareStatement(
                        "INSERT INTO measure.vote_record (motion_id, "
                                + "delegate_id, congress_id, choice, global_index, cast_at) VALUES (?, ?, 'measure', ?, ?, ?)")) {
            for (int i = 1; i <= votes; i++) {
                String delegate = String.format("D%06d", i);
                String voteId = VoteId.of(motion, delegate);
                VoteChoice choice = choices[i % 3];
                VoteCastEvent vote = new VoteCastEvent(
                        voteId,
                        motion,
                        "measure",
                        delegate,
                        choice,
                        UUID.randomUUID().toString());
                String at = Instant.now().toString();
                event.setLong(1, i);
                event.setString(2, voteId);
                event.setString(3, UUID.randomUUID().toString());
                event.setBytes(
                        4,
                        ("{\"actor\":\"" + delegate + "\",\"role\":\"delegate\",\"traceId\":\"" + UUID.randomUUID()
                                        + "\",\"correlationId\":\"" + UUID.randomUUID() + "\"}")
                                .getBytes(StandardCharsets.UTF_8));
                event.setBytes(5, serializer.serialize(vote, byte[].class).getData());
                event.setString(6, VoteCastEvent.class.getName());
                event.setString(7, at);
                event.addBatch();
                record.setString(1, motion);
                record.setString(2, delegate);
                record.setString(3, choice.name());
                record.setLong(4, i);
                record.setString(5, at);
                record.addBatch();
                if (i % 5_000 == 0) {
                    event.executeBatch();
                    record.executeBatch();
                }
            }
            event.executeBatch();
            record.executeBatch();
        }
        List<Object[]> links = new ArrayList<>();
        try (PreparedStatement walk = c.prepareStatement(
                "SELECT " + LogChain.COLUMNS + " FROM measure.domainevententry ORDER BY globalindex")) {
            walk.setFetchSize(1000);
            try (ResultSet rs = walk.executeQuery()) {
                byte[] previous = LogChain.GENESIS;
                while (rs.next()) {
                    previous = LogChain.link(previous, LogChain.canonical(rs));
                    links.add(new Object[] {rs.getLong("globalindex"), previous});
                }
            }
        }
        try (PreparedStatement chain =
                c.prepareStatement("INSERT INTO measure.event_chain (position, global_index, hash) VALUES (?, ?, ?)")) {
            for (Object[] link : links) {
                chain.setLong(1, (Long) link[0]);
                chain.setLong(2, (Long) link[0]);
                chain.setBytes(3, (byte[]) link[1]);
                chain.addBatch();
            }
            chain.executeBatch();
        }
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}

package org.congressvote.command.audit;

import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Signs and stores the log's tree heads: at every close (after the chain has taken up the closing event) and at
 * least every minute while the log grows. The leaves are kept in memory as they were read when the chain took
 * them up, each checked against its chain link first; before signing, the tree must reproduce the newest head
 * signed before (a log rewritten while the service was down is refused here, loudly, instead of being signed).
 */
@Component
public class TreeHeads {

    private static final Logger LOG = LoggerFactory.getLogger(TreeHeads.class);

    private final JdbcTemplate jdbc;
    private final LogSigningKey key;
    private final HeadsTopic topic;
    private final List<byte[]> leaves = new ArrayList<>();
    private byte[] lastLink = LogChain.GENESIS;
    private final ExecutorService publisher = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "tree-head-publisher");
        thread.setDaemon(true);
        return thread;
    });

    TreeHeads(JdbcTemplate jdbc, LogSigningKey key, HeadsTopic topic) {
        this.jdbc = jdbc;
        this.key = key;
        this.topic = topic;
    }

    @Scheduled(
            initialDelayString =
                    "#{@'congress-org.congressvote.command.CommandServiceProperties'.logSigning().firstHead()"
                            + ".toMillis()}",
            fixedDelayString = "#{@'congress-org.congressvote.command.CommandServiceProperties'.logSigning()"
                    + ".headInterval().toMillis()}")
    void everyInterval() {
        publish("periodic", false);
    }

    /** After a close has been chained: a head that covers it, without holding up the chain's processor. */
    void publishSoon(String reason) {
        publisher.execute(() -> publish(reason, true));
    }

    /** Signs a head over the whole chain as it stands; a periodic head only if the log grew. Null if refused. */
    synchronized TreeHead publish(String reason, boolean always) {
        try {
            if (!catchUp()) {
                return null;
            }
            TreeHead previous = latest();
            if (previous != null && !always && previous.size() == leaves.size()) {
                return previous;
            }
            if (previous != null
                    && (previous.size() > leaves.size()
                            || !LogChain.hex(MerkleTree.root(leaves, (int) previous.size()))
                                    .equals(previous.rootHash()))) {
                LOG.error(
                        "NOT signing a tree head: the log as read now does not reproduce the head signed at {} over "
                                + "{} events ({}). The log was rewritten; see GET /api/audit/verify",
                        previous.signedAt(),
                        previous.size(),
                        previous.rootHash());
                return null;
            }
            long started = System.nanoTime();
            String root = LogChain.hex(MerkleTree.root(leaves, leaves.size()));
            String signedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
            TreeHead unsigned = new TreeHead(
                    leaves.size(), root, signedAt, key.keyId(), LogChain.hex(key.publicKey()), null, reason);
            String signature = LogChain.hex(key.sign(unsigned.message().getBytes(StandardCharsets.UTF_8)));
            TreeHead head =
                    new TreeHead(unsigned.size(), root, signedAt, key.keyId(), unsigned.publicKey(), signature, reason);
            jdbc.update(
                    "INSERT INTO tree_head (tree_size, root_hash, signed_at, key_id, public_key, signature, reason) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    head.size(),
                    head.rootHash(),
                    head.signedAt(),
                    head.keyId(),
                    head.publicKey(),
                    head.signature(),
                    head.reason());
            LOG.debug(
                    "Signed tree head over {} events in {} ms", head.size(), (System.nanoTime() - started) / 1_000_000);
            topic.publish(head);
            return head;
        } catch (RuntimeException e) {
            LOG.error("Could not sign a tree head of the log", e);
            return null;
        }
    }

    TreeHead latest() {
        return firstValid("ORDER BY tree_size DESC, id DESC");
    }

    /** The first signed head that covers the chain entry at this position (1-based), if one is signed yet. */
    public TreeHead covering(long chainPosition) {
        return firstValid("WHERE tree_size >= ? ORDER BY tree_size, id", chainPosition);
    }

    /** The first stored head, in the given order, whose signature verifies (a forged row is passed over). */
    private TreeHead firstValid(String whereAndOrder, Object... args) {
        return jdbc.query(
                "SELECT tree_size, root_hash, signed_at, key_id, public_key, signature, reason FROM tree_head "
                        + whereAndOrder,
                rs -> {
                    while (rs.next()) {
                        TreeHead head = new TreeHead(
                                rs.getLong(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getString(7));
                        if (head.signatureValid()) {
                            return head;
                        }
                    }
                    return null;
                },
                args);
    }

    /** Reads the chain entries past those in memory, checking each link; false if a link does not match. */
    private boolean catchUp() {
        List<Object[]> rows = jdbc.query(
                "SELECT c.position, c.hash, " + LogIntegrity.prefixed() + " FROM event_chain c "
                        + "JOIN domainevententry e ON e.globalindex = c.global_index WHERE c.position > ? ORDER BY c.position",
                (rs, n) -> new Object[] {rs.getLong("position"), rs.getBytes("hash"), LogChain.canonical(rs)},
                (long) leaves.size());
        for (Object[] row : rows) {
            long position = (Long) row[0];
            byte[] canonical = (byte[]) row[2];
            byte[] link = LogChain.link(lastLink, canonical);
            if (position != leaves.size() + 1 || !Arrays.equals(link, (byte[]) row[1])) {
                LOG.error(
                        "NOT signing a tree head: chain position {} does not follow from the {} entries before it "
                                + "(an entry missing, or an event changed); see GET /api/audit/verify",
                        position,
                        leaves.size());
                return false;
            }
            lastLink = link;
            leaves.add(MerkleTree.leafHash(canonical));
        }
        return true;
    }

    @PreDestroy
    void stop() {
        publisher.shutdownNow();
    }
}

package org.congressvote.command.audit;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.congressvote.command.RealServersTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Not a test: the measurement of docs/benchmarks.md ("Proofs at 100,000 events"), run by hand with
 * {@code -Dcongress.measure.proofs=true}. On the real PostgreSQL, in a scratch schema: an inclusion and a consistency
 * proof at 100,000 leaves from the stored nodes, against the former way (every leaf read and hashed, then the
 * recursion over them). Prints its figures; asserts none (timings are not asserted).
 */
@EnabledIfSystemProperty(named = "congress.measure.proofs", matches = "true")
class ProofCostMeasurement extends RealServersTest {

    private static final int EVENTS = 100_000;
    private static final int ROUNDS = 30;

    @Autowired
    private DataSource dataSource;

    @Test
    void measureProofsAtAHundredThousandEvents() throws Exception {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS measure CASCADE");
            s.execute("CREATE SCHEMA measure");
            s.execute("CREATE TABLE measure.merkle_node (level SMALLINT NOT NULL, idx BIGINT NOT NULL, "
                    + "hash BYTEA NOT NULL, PRIMARY KEY (level, idx))");
            // the former way read each event's row (about 700 bytes of canonical columns for a vote) and hashed it
            s.execute("CREATE TABLE measure.event_row (position BIGINT PRIMARY KEY, canonical BYTEA NOT NULL)");
            SecureRandom random = new SecureRandom();
            Map<MerkleNodes.Key, byte[]> nodes = new HashMap<>();
            List<byte[]> leaves = new ArrayList<>();
            c.setAutoCommit(false);
            try (PreparedStatement rows = c.prepareStatement("INSERT INTO measure.event_row VALUES (?, ?)");
                    PreparedStatement node = c.prepareStatement("INSERT INTO measure.merkle_node VALUES (?, ?, ?)")) {
                for (int i = 0; i < EVENTS; i++) {
                    byte[] canonical = new byte[700];
                    random.nextBytes(canonical);
                    ByteBuffer.wrap(canonical).putInt(i);
                    byte[] leaf = MerkleTree.leafHash(canonical);
                    leaves.add(leaf);
                    rows.setLong(1, i + 1);
                    rows.setBytes(2, canonical);
                    rows.addBatch();
                    for (MerkleNodes.Node n : MerkleNodes.completedBy(
                            i, leaf, (level, index) -> nodes.get(new MerkleNodes.Key(level, index)))) {
                        nodes.put(n.key(), n.hash());
                        node.setInt(1, n.level());
                        node.setLong(2, n.index());
                        node.setBytes(3, n.hash());
                        node.addBatch();
                    }
                    if (i % 5_000 == 4_999) {
                        rows.executeBatch();
                        node.executeBatch();
                    }
                }
                rows.executeBatch();
                node.executeBatch();
            }
            c.commit();
            s.execute("ANALYZE measure.merkle_node");
            s.execute("ANALYZE measure.event_row");
            s.execute("SET search_path TO measure");
            c.commit();
            byte[] root = MerkleTree.root(leaves, EVENTS);
            long[] stored = new long[ROUNDS];
            long[] storedConsistency = new long[ROUNDS];
            long[] former = new long[5];
            int reads = 0;
            for (int r = 0; r < ROUNDS; r++) {
                long index = random.nextInt(EVENTS);
                long t0 = System.nanoTime();
                MerkleTree.Subtrees tree = MerkleNodes.read(c, t -> MerkleTree.inclusionProof(t, index, EVENTS));
                List<byte[]> proof = MerkleTree.inclusionProof(tree, index, EVENTS);
                boolean ok = MerkleTree.verifyInclusion(leaves.get((int) index), index, EVENTS, proof, root);
                stored[r] = System.nanoTime() - t0;
                reads = Math.max(
                        reads,
                        MerkleNodes.needed(t -> MerkleTree.inclusionProof(t, index, EVENTS))
                                .size());
                if (!ok) {
                    throw new IllegalStateException("a stored proof did not verify");
                }
                long from = 1 + random.nextInt(EVENTS - 1);
                long t1 = System.nanoTime();
                MerkleTree.Subtrees ctree = MerkleNodes.read(c, t -> {
                    MerkleTree.consistencyProof(t, from, EVENTS);
                    MerkleTree.root(t, from);
                    MerkleTree.root(t, EVENTS);
                });
                MerkleTree.consistencyProof(ctree, from, EVENTS);
                storedConsistency[r] = System.nanoTime() - t1;
            }
            for (int r = 0; r < former.length; r++) {
                int index = random.nextInt(EVENTS);
                long t0 = System.nanoTime();
                List<byte[]> read = new ArrayList<>(EVENTS);
                try (PreparedStatement walk = c.prepareStatement("SELECT canonical FROM event_row ORDER BY position")) {
                    walk.setFetchSize(1000);
                    try (ResultSet rs = walk.executeQuery()) {
                        while (rs.next()) {
                            read.add(MerkleTree.leafHash(rs.getBytes(1)));
                        }
                    }
                }
                MerkleTree.verifyInclusion(
                        read.get(index), index, EVENTS, MerkleTree.inclusionProof(read, index, EVENTS), root);
                former[r] = System.nanoTime() - t0;
            }
            c.commit();
            s.execute("SET search_path TO public");
            s.execute("DROP SCHEMA measure CASCADE");
            c.commit();
            c.setAutoCommit(true);
            System.out.printf(
                    "PROOF COST at %,d events: stored-node inclusion proof median %.2f ms (max %.2f), %d nodes read "
                            + "in one query; consistency proof median %.2f ms; former way (every leaf read and "
                            + "hashed) median %.0f ms%n",
                    EVENTS,
                    median(stored) / 1e6,
                    Arrays.stream(stored).max().orElse(0) / 1e6,
                    reads,
                    median(storedConsistency) / 1e6,
                    median(former) / 1e6);
        }
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}

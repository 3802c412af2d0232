package org.congressvote.command.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.congressvote.command.RealServersTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The nodes the chain stores as it grows, on the real PostgreSQL, are those of the tree recomputed from every event:
 * the same roots and the same proofs, read from a few rows.
 */
class StoredMerkleNodesIntegrationTest extends RealServersTest {

    @Autowired
    private DataSource dataSource;

    @Test
    void theStoredTreeReproducesTheTreeRecomputedFromEveryEventWithTheSameProofs() throws Exception {
        String congress = "nodes-" + UUID.randomUUID().toString().substring(0, 8);
        api().convene(congress, 5);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> jdbc.queryForObject(
                                "SELECT count(*) FROM domainevententry e WHERE e.globalindex > 0 AND NOT EXISTS "
                                        + "(SELECT 1 FROM event_chain c WHERE c.global_index = e.globalindex)",
                                Long.class)
                        == 0);
        try (Connection connection = dataSource.getConnection()) {
            LogAnchor.Leaves leaves = LogAnchor.leaves(connection);
            List<byte[]> hashes = leaves.hashes();
            int n = hashes.size();
            assertThat(n).isGreaterThan(10);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM merkle_node WHERE level = 0", Long.class))
                    .isEqualTo(n);
            for (int size = 1; size <= n; size += Math.max(1, n / 60)) {
                int s = size;
                MerkleTree.Subtrees stored = MerkleNodes.read(connection, tree -> {
                    MerkleTree.root(tree, s);
                    for (int i = 0; i < s; i += Math.max(1, s / 7)) {
                        MerkleTree.inclusionProof(tree, i, s);
                    }
                    for (int from = 0; from <= s; from += Math.max(1, s / 7)) {
                        MerkleTree.consistencyProof(tree, from, s);
                    }
                });
                assertThat(stored).as("nodes for size %d", s).isNotNull();
                assertThat(MerkleTree.root(stored, s)).isEqualTo(MerkleTree.root(hashes, s));
                for (int i = 0; i < s; i += Math.max(1, s / 7)) {
                    assertThat(MerkleTree.inclusionProof(stored, i, s))
                            .containsExactlyElementsOf(MerkleTree.inclusionProof(hashes, i, s));
                }
                for (int from = 0; from <= s; from += Math.max(1, s / 7)) {
                    assertThat(MerkleTree.consistencyProof(stored, from, s))
                            .containsExactlyElementsOf(MerkleTree.consistencyProof(hashes, from, s));
                }
            }
        }
    }
}

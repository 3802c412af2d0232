package org.congressvote.command.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The tree's complete subtrees, stored as the log grows, give the very proofs the reference recursion over every
 * leaf gives, for every size, leaf and earlier size; and a proof reads O(log n) of them.
 */
class MerkleNodesTest {

    private static List<byte[]> leaves(int n) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            leaves.add(MerkleTree.leafHash(
                    ByteBuffer.allocate(8).putLong(i * 7919L).array()));
        }
        return leaves;
    }

    /** The nodes as the chain writes them: leaf by leaf, each completing its parents. */
    private static Map<MerkleNodes.Key, byte[]> grown(List<byte[]> leaves) {
        Map<MerkleNodes.Key, byte[]> nodes = new HashMap<>();
        for (int i = 0; i < leaves.size(); i++) {
            for (MerkleNodes.Node node : MerkleNodes.completedBy(
                    i, leaves.get(i), (level, index) -> nodes.get(new MerkleNodes.Key(level, index)))) {
                assertThat(nodes.put(node.key(), node.hash()))
                        .as("written once")
                        .isNull();
            }
        }
        return nodes;
    }

    @Test
    void storedNodesGiveTheReferenceRootsAndProofsByteForByteForEverySizeLeafAndEarlierSize() {
        List<byte[]> leaves = leaves(120);
        MerkleTree.Subtrees stored = new MerkleNodes.Loaded(grown(leaves));
        for (int size = 1; size <= leaves.size(); size++) {
            assertThat(MerkleTree.root(stored, size)).as("root of %d", size).isEqualTo(MerkleTree.root(leaves, size));
            for (int index = 0; index < size; index++) {
                assertThat(MerkleTree.inclusionProof(stored, index, size))
                        .as("inclusion of %d in %d", index, size)
                        .containsExactlyElementsOf(MerkleTree.inclusionProof(leaves, index, size));
            }
            for (int from = 0; from <= size; from++) {
                assertThat(MerkleTree.consistencyProof(stored, from, size))
                        .as("consistency from %d to %d", from, size)
                        .containsExactlyElementsOf(MerkleTree.consistencyProof(leaves, from, size));
            }
        }
    }

    @Test
    void aProofAtAHundredThousandEventsReadsAFewDozenNodesNotEveryLeaf() {
        List<byte[]> leaves = leaves(100_000);
        Map<MerkleNodes.Key, byte[]> nodes = grown(leaves);
        MerkleTree.Subtrees stored = new MerkleNodes.Loaded(nodes);
        int size = 99_999;
        for (long index : new long[] {0, 1, 4_095, 65_535, 65_536, 99_998}) {
            var read = MerkleNodes.needed(tree -> MerkleTree.inclusionProof(tree, index, size));
            assertThat(read.size()).as("nodes read for leaf %d", index).isLessThanOrEqualTo(2 * 17);
            assertThat(MerkleTree.verifyInclusion(
                            leaves.get((int) index),
                            index,
                            size,
                            MerkleTree.inclusionProof(stored, index, size),
                            MerkleTree.root(leaves, size)))
                    .isTrue();
        }
        for (long from : new long[] {1, 3, 4_096, 70_001, 99_998}) {
            var read = MerkleNodes.needed(tree -> {
                MerkleTree.consistencyProof(tree, from, size);
                MerkleTree.root(tree, from);
                MerkleTree.root(tree, size);
            });
            assertThat(read.size()).as("nodes read from %d", from).isLessThanOrEqualTo(4 * 17);
            assertThat(MerkleTree.consistencyProof(stored, from, size))
                    .containsExactlyElementsOf(MerkleTree.consistencyProof(leaves, (int) from, size));
        }
    }

    @Test
    void aSubtreeThatIsNotOneTheProofsAskForIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MerkleNodes.pieces(3, 7))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

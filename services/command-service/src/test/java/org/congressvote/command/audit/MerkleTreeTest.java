package org.congressvote.command.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Merkle tree against the RFC 6962 test data of certificate-transparency-go / transparency-dev/merkle
 * (testonly/constants.go) and the worked example of RFC 6962 section 2.1.3, and every proof of every size.
 */
class MerkleTreeTest {

    private static final HexFormat HEX = HexFormat.of();

    private static final String[] INPUTS = {
        "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"
    };

    private static final String[] ROOTS = {
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"
    };

    private static List<byte[]> leaves() {
        List<byte[]> leaves = new ArrayList<>();
        for (String input : INPUTS) {
            leaves.add(MerkleTree.leafHash(HEX.parseHex(input)));
        }
        return leaves;
    }

    @Test
    void rootsOfTheTestDataMatchTheReferenceForEverySize() {
        List<byte[]> leaves = leaves();
        for (int size = 0; size <= 8; size++) {
            assertThat(HEX.formatHex(MerkleTree.root(leaves, size)))
                    .as("size " + size)
                    .isEqualTo(ROOTS[size]);
        }
        assertThat(HEX.formatHex(leaves.get(1)))
                .isEqualTo("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7");
    }

    @Test
    void proofsOfRfc6962sWorkedExampleOfSevenLeaves() {
        List<byte[]> l = leaves();
        byte[] g = MerkleTree.nodeHash(l.get(0), l.get(1));
        byte[] h = MerkleTree.nodeHash(l.get(2), l.get(3));
        byte[] i = MerkleTree.nodeHash(l.get(4), l.get(5));
        byte[] k = MerkleTree.nodeHash(g, h);
        byte[] lNode = MerkleTree.nodeHash(i, l.get(6));
        assertThat(MerkleTree.inclusionProof(l, 0, 7)).containsExactly(l.get(1), h, lNode);
        assertThat(MerkleTree.inclusionProof(l, 3, 7)).containsExactly(l.get(2), g, lNode);
        assertThat(MerkleTree.inclusionProof(l, 4, 7)).containsExactly(l.get(5), l.get(6), k);
        assertThat(MerkleTree.inclusionProof(l, 6, 7)).containsExactly(i, k);
        assertThat(MerkleTree.consistencyProof(l, 3, 7)).containsExactly(l.get(2), l.get(3), g, lNode);
        assertThat(MerkleTree.consistencyProof(l, 4, 7)).containsExactly(lNode);
        assertThat(MerkleTree.consistencyProof(l, 6, 7)).containsExactly(i, l.get(6), k);
    }

    @Test
    void everyInclusionProofOfEverySizeVerifiesAndNoOtherLeafOrRootDoes() {
        List<byte[]> leaves = syntheticLeaves(70);
        for (int size = 1; size <= leaves.size(); size++) {
            byte[] root = MerkleTree.root(leaves, size);
            for (int index = 0; index < size; index++) {
                List<byte[]> proof = MerkleTree.inclusionProof(leaves, index, size);
                assertThat(MerkleTree.verifyInclusion(leaves.get(index), index, size, proof, root))
                        .as("leaf %d of %d", index, size)
                        .isTrue();
                assertThat(MerkleTree.verifyInclusion(
                                leaves.get((index + 1) % leaves.size()), index, size, proof, root))
                        .as("another leaf at %d of %d", index, size)
                        .isFalse();
                if (size > 1) {
                    assertThat(MerkleTree.verifyInclusion(leaves.get(index), (index + 1) % size, size, proof, root))
                            .as("leaf %d claimed at another index of %d", index, size)
                            .isFalse();
                }
                assertThat(MerkleTree.verifyInclusion(
                                leaves.get(index), index, size, proof, MerkleTree.leafHash(new byte[0])))
                        .isFalse();
            }
        }
    }

    @Test
    void everyConsistencyProofBetweenEveryPairOfSizesVerifiesAndARewriteDoesNot() {
        List<byte[]> leaves = syntheticLeaves(40);
        for (int to = 1; to <= leaves.size(); to++) {
            byte[] toRoot = MerkleTree.root(leaves, to);
            for (int from = 1; from <= to; from++) {
                byte[] fromRoot = MerkleTree.root(leaves, from);
                List<byte[]> proof = MerkleTree.consistencyProof(leaves, from, to);
                assertThat(MerkleTree.verifyConsistency(from, to, fromRoot, toRoot, proof))
                        .as("%d -> %d", from, to)
                        .isTrue();
                // the same log with one leaf of the older tree rewritten: the new root cannot extend the old one
                List<byte[]> rewritten = new ArrayList<>(leaves);
                rewritten.set(from - 1, MerkleTree.leafHash(new byte[] {42}));
                byte[] forgedRoot = MerkleTree.root(rewritten, to);
                List<byte[]> forgedProof = MerkleTree.consistencyProof(rewritten, from, to);
                assertThat(MerkleTree.verifyConsistency(from, to, fromRoot, forgedRoot, forgedProof))
                        .as("rewritten %d -> %d", from, to)
                        .isFalse();
            }
        }
    }

    private static List<byte[]> syntheticLeaves(int n) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            leaves.add(MerkleTree.leafHash(("event " + i).getBytes()));
        }
        return leaves;
    }
}

package org.congressvote.command.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Certificate Transparency's Merkle tree (RFC 6962 section 2.1, RFC 9162 section 2.1) over the leaf hashes of the
 * log, with its inclusion and consistency proofs and their verification. Leaf = SHA-256(0x00 || data), node =
 * SHA-256(0x01 || left || right), a tree of n leaves splits at the largest power of two below n.
 */
public final class MerkleTree {

    private MerkleTree() {}

    public static byte[] leafHash(byte[] data) {
        MessageDigest sha = sha256();
        sha.update((byte) 0x00);
        sha.update(data);
        return sha.digest();
    }

    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest sha = sha256();
        sha.update((byte) 0x01);
        sha.update(left);
        sha.update(right);
        return sha.digest();
    }

    /** MTH(D[0:size]) over these leaf hashes. */
    public static byte[] root(List<byte[]> leaves, int size) {
        if (size == 0) {
            return sha256().digest();
        }
        return subtree(leaves, 0, size);
    }

    /**
     * Where the proofs take the hash of a subtree D[from:to] from: recomputed from the leaves, or read from the
     * complete subtrees stored as the log grew ({@link MerkleNodes}). The proofs only ask for subtrees the RFC's
     * recursion splits off, so {@code from} is always a multiple of the largest power of two not above to - from.
     */
    @FunctionalInterface
    public interface Subtrees {
        byte[] hash(long from, long to);
    }

    /** PATH(index, D[0:size]): the audit path of one leaf, from the leaf up. */
    public static List<byte[]> inclusionProof(List<byte[]> leaves, int index, int size) {
        if (size > leaves.size()) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of " + size);
        }
        return inclusionProof(over(leaves), index, size);
    }

    public static List<byte[]> inclusionProof(Subtrees tree, long index, long size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of " + size);
        }
        List<byte[]> proof = new ArrayList<>();
        path(tree, index, 0, size, proof);
        return proof;
    }

    /** PROOF(from, D[0:to]): proves the tree of {@code to} leaves extends the tree of {@code from} leaves. */
    public static List<byte[]> consistencyProof(List<byte[]> leaves, int from, int to) {
        if (to > leaves.size()) {
            throw new IllegalArgumentException("no consistency proof from " + from + " to " + to);
        }
        return consistencyProof(over(leaves), from, to);
    }

    public static List<byte[]> consistencyProof(Subtrees tree, long from, long to) {
        if (from < 0 || from > to) {
            throw new IllegalArgumentException("no consistency proof from " + from + " to " + to);
        }
        List<byte[]> proof = new ArrayList<>();
        if (from > 0 && from < to) {
            subproof(tree, from, 0, to, true, proof);
        }
        return proof;
    }

    /** MTH(D[0:size]) from the subtrees. */
    public static byte[] root(Subtrees tree, long size) {
        return size == 0 ? sha256().digest() : tree.hash(0, size);
    }

    /** The reference: every subtree recomputed from the leaves (RFC 6962 section 2.1, as written). */
    public static Subtrees over(List<byte[]> leaves) {
        return (from, to) -> subtree(leaves, Math.toIntExact(from), Math.toIntExact(to));
    }

    /** RFC 9162 section 2.1.3.2. */
    public static boolean verifyInclusion(byte[] leafHash, long index, long size, List<byte[]> proof, byte[] root) {
        if (index < 0 || index >= size) {
            return false;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(r, root);
    }

    /** RFC 9162 section 2.1.4.2; equal sizes need equal roots and an empty proof, an empty first tree any tree. */
    public static boolean verifyConsistency(long from, long to, byte[] fromRoot, byte[] toRoot, List<byte[]> proof) {
        if (from < 0 || from > to) {
            return false;
        }
        if (from == to) {
            return proof.isEmpty() && Arrays.equals(fromRoot, toRoot);
        }
        if (from == 0) {
            return proof.isEmpty();
        }
        if (proof.isEmpty()) {
            return false;
        }
        List<byte[]> c = new ArrayList<>(proof);
        if (Long.bitCount(from) == 1) {
            c.add(0, fromRoot);
        }
        long fn = from - 1;
        long sn = to - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = c.get(0);
        byte[] sr = c.get(0);
        for (byte[] p : c.subList(1, c.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(p, fr);
                sr = nodeHash(p, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = nodeHash(sr, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(fr, fromRoot) && Arrays.equals(sr, toRoot);
    }

    private static byte[] subtree(List<byte[]> leaves, int from, int to) {
        int n = to - from;
        if (n == 1) {
            return leaves.get(from);
        }
        int k = (int) split(n);
        return nodeHash(subtree(leaves, from, from + k), subtree(leaves, from + k, to));
    }

    private static void path(Subtrees tree, long index, long from, long to, List<byte[]> proof) {
        long n = to - from;
        if (n == 1) {
            return;
        }
        long k = split(n);
        if (index < k) {
            path(tree, index, from, from + k, proof);
            proof.add(tree.hash(from + k, to));
        } else {
            path(tree, index - k, from + k, to, proof);
            proof.add(tree.hash(from, from + k));
        }
    }

    private static void subproof(Subtrees tree, long m, long from, long to, boolean whole, List<byte[]> proof) {
        long n = to - from;
        if (m == n) {
            if (!whole) {
                proof.add(tree.hash(from, to));
            }
            return;
        }
        long k = split(n);
        if (m <= k) {
            subproof(tree, m, from, from + k, whole, proof);
            proof.add(tree.hash(from + k, to));
        } else {
            subproof(tree, m - k, from + k, to, false, proof);
            proof.add(tree.hash(from, from + k));
        }
    }

    /** The largest power of two smaller than n (n > 1). */
    static long split(long n) {
        return Long.highestOneBit(n - 1);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}

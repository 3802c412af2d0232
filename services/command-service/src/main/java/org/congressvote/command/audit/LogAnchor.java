package org.congressvote.command.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Checks the log as it is now against its signed tree heads: the Merkle tree over the chain's events (leaves in
 * chain order, each SHA-256(0x00 || the event's canonical bytes)), recomputed from the event table, must reproduce
 * the root of every head signed before. Plain JDBC: the endpoints and the command-line tool share it.
 */
public final class LogAnchor {

    private static final HexFormat HEX = HexFormat.of();

    private LogAnchor() {}

    /** The leaves of the log as stored now, in chain order, and the global index of each. */
    public record Leaves(List<byte[]> hashes, List<Long> globalIndexes) {

        int size() {
            return hashes.size();
        }

        byte[] root(long size) {
            return MerkleTree.root(hashes, Math.toIntExact(size));
        }
    }

    /** Where the log stops reproducing its signed heads, if it does. */
    public record HeadCheck(
            int headsChecked,
            int badSignatures,
            Long lastReproducedSize,
            Long firstDifferingSize,
            Long firstDifferingLeafFrom,
            Long firstDifferingGlobalIndexFrom,
            Long firstDifferingGlobalIndexTo,
            String reason) {

        public boolean ok() {
            return reason == null;
        }
    }

    /** Recomputes every leaf from the events joined to the chain; stops at the first chained event that is gone. */
    public static Leaves leaves(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
        List<byte[]> hashes = new ArrayList<>();
        List<Long> globalIndexes = new ArrayList<>();
        try (PreparedStatement walk = connection.prepareStatement("SELECT c.position, c.global_index, "
                + LogIntegrity.prefixed() + " FROM event_chain c LEFT JOIN domainevententry e ON e.globalindex = "
                + "c.global_index ORDER BY c.position")) {
            walk.setFetchSize(1000);
            try (ResultSet rs = walk.executeQuery()) {
                while (rs.next()
                        && rs.getLong("position") == hashes.size() + 1
                        && rs.getObject("eventidentifier") != null) {
                    hashes.add(MerkleTree.leafHash(LogChain.canonical(rs)));
                    globalIndexes.add(rs.getLong("global_index"));
                }
            }
            connection.commit();
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        return new Leaves(hashes, globalIndexes);
    }

    public static List<TreeHead> heads(Connection connection) throws SQLException {
        List<TreeHead> heads = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT tree_size, root_hash, signed_at, key_id, "
                        + "public_key, signature, reason FROM tree_head ORDER BY tree_size, id");
                ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                heads.add(new TreeHead(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7)));
            }
        }
        return heads;
    }

    /**
     * Does the log reproduce every signed head? If the newest does, every older honest head is reproduced too (they
     * were signed over the same first leaves); if not, a bisection over the heads finds the last size still
     * reproduced and the first that is not: the first rewritten leaf lies between the two.
     */
    public static HeadCheck check(Leaves leaves, List<TreeHead> heads) {
        List<TreeHead> valid = heads.stream().filter(TreeHead::signatureValid).toList();
        int bad = heads.size() - valid.size();
        if (valid.isEmpty()) {
            return new HeadCheck(
                    0,
                    bad,
                    null,
                    null,
                    null,
                    null,
                    null,
                    bad == 0 ? null : bad + " tree heads in the table carry no valid signature of their key");
        }
        TreeHead newest = valid.get(valid.size() - 1);
        if (newest.size() > leaves.size()) {
            return differing(
                    leaves,
                    valid,
                    bad,
                    "a head was signed over " + newest.size()
                            + " events, but the chain now holds " + leaves.size() + " whose events are all present: "
                            + "chain entries or events were deleted");
        }
        if (reproduces(leaves, newest)) {
            return new HeadCheck(
                    valid.size(),
                    bad,
                    newest.size(),
                    null,
                    null,
                    null,
                    null,
                    bad == 0 ? null : bad + " tree heads in the table carry no valid signature of their key");
        }
        return differing(
                leaves,
                valid,
                bad,
                "the log no longer reproduces the tree head signed at " + newest.signedAt() + " over " + newest.size()
                        + " events: events it covered were rewritten");
    }

    static boolean reproduces(Leaves leaves, TreeHead head) {
        return head.size() <= leaves.size()
                && LogChain.hex(leaves.root(head.size())).equals(head.rootHash());
    }

    private static HeadCheck differing(Leaves leaves, List<TreeHead> valid, int bad, String reason) {
        int lo = -1; // the last head known reproduced
        int hi = valid.size() - 1; // the first head known not reproduced
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (reproduces(leaves, valid.get(mid))) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        long good = lo < 0 ? 0 : valid.get(lo).size();
        long first = valid.get(hi).size();
        Long fromIndex = good < leaves.size() ? leaves.globalIndexes().get((int) good) : null;
        Long toIndex =
                first <= leaves.size() && first > 0 ? leaves.globalIndexes().get((int) first - 1) : null;
        return new HeadCheck(
                valid.size(),
                bad,
                good,
                first,
                good,
                fromIndex,
                toIndex,
                reason + "; the first "
                        + good + " events still match the heads signed over them, the first differing leaf is one of "
                        + "leaves " + good + " to " + (first - 1)
                        + (fromIndex == null
                                ? ""
                                : " (global index " + fromIndex + (toIndex == null ? " onwards" : " to " + toIndex)
                                        + ")"));
    }

    /** The answer to "does the current log extend the tree of this size and root?". */
    public record Consistency(
            boolean consistent,
            long fromSize,
            String fromRoot,
            long toSize,
            String toRoot,
            TreeHead toHead,
            List<String> proof,
            boolean currentLogReproducesFrom,
            boolean currentLogReproducesTo,
            String reason,
            HeadCheck heads) {}

    /** The answer when no proof can be asked for: no signed head yet, or a size the newest head does not cover. */
    private static Consistency unprovable(List<TreeHead> valid, long fromSize, String from, HeadCheck check) {
        if (valid.isEmpty()) {
            return new Consistency(
                    false, fromSize, from, 0, null, null, List.of(), false, false, "no signed tree head yet", check);
        }
        TreeHead to = valid.get(valid.size() - 1);
        if (fromSize < 0 || fromSize > to.size()) {
            return new Consistency(
                    false,
                    fromSize,
                    from,
                    to.size(),
                    to.rootHash(),
                    to,
                    List.of(),
                    false,
                    false,
                    "the newest signed head covers " + to.size() + " events, fewer than " + fromSize,
                    check);
        }
        return null;
    }

    /** Proves (or fails to) that the newest signed head, as the log now reproduces it, extends the given tree. */
    public static Consistency consistency(Leaves leaves, List<TreeHead> heads, long fromSize, String fromRoot) {
        List<TreeHead> valid = heads.stream().filter(TreeHead::signatureValid).toList();
        HeadCheck check = check(leaves, heads);
        String from = fromRoot.toLowerCase();
        Consistency refused = unprovable(valid, fromSize, from, check);
        if (refused != null) {
            return refused;
        }
        TreeHead to = valid.get(valid.size() - 1);
        long usable = Math.min(to.size(), leaves.size());
        boolean fromMatches =
                fromSize <= leaves.size() && LogChain.hex(leaves.root(fromSize)).equals(from);
        boolean toMatches = reproduces(leaves, to);
        List<byte[]> proof = fromSize <= usable && to.size() <= leaves.size()
                ? MerkleTree.consistencyProof(leaves.hashes(), (int) fromSize, (int) to.size())
                : List.of();
        // the proof is built from the log as stored now, checked against the roots from paper and from the signature;
        // with equal sizes it is empty, so the log must also reproduce the signed head itself
        boolean consistent = toMatches
                && MerkleTree.verifyConsistency(fromSize, to.size(), parse(from), HEX.parseHex(to.rootHash()), proof);
        String reason = consistent
                ? null
                : !toMatches
                        ? "the log as stored now does not reproduce the newest signed " + "head; " + check.reason()
                        : !fromMatches
                                ? "the log's first " + fromSize + " events do not hash to " + from
                                        + ": they are not the events that head was taken over"
                                        + (check.ok() ? "" : "; " + check.reason())
                                : "the consistency proof does not verify";
        return new Consistency(
                consistent,
                fromSize,
                from,
                to.size(),
                to.rootHash(),
                to,
                proof.stream().map(LogChain::hex).toList(),
                fromMatches,
                toMatches,
                reason,
                check);
    }

    /** One event's inclusion proof in the newest signed head. */
    public record Inclusion(
            boolean included,
            long leafIndex,
            Long globalIndex,
            String leafHash,
            long treeSize,
            String rootHash,
            TreeHead head,
            List<String> proof,
            String reason) {}

    public static Inclusion inclusion(Leaves leaves, List<TreeHead> heads, long leafIndex) {
        List<TreeHead> valid = heads.stream().filter(TreeHead::signatureValid).toList();
        if (valid.isEmpty()) {
            return new Inclusion(false, leafIndex, null, null, 0, null, null, List.of(), "no signed tree head yet");
        }
        TreeHead head = valid.get(valid.size() - 1);
        if (leafIndex < 0 || leafIndex >= head.size() || head.size() > leaves.size()) {
            return new Inclusion(
                    false,
                    leafIndex,
                    null,
                    null,
                    head.size(),
                    head.rootHash(),
                    head,
                    List.of(),
                    "leaf " + leafIndex + " is not among the " + head.size() + " events of the newest signed head"
                            + (head.size() > leaves.size() ? " (the log now holds only " + leaves.size() + ")" : ""));
        }
        int index = (int) leafIndex;
        List<byte[]> proof = MerkleTree.inclusionProof(leaves.hashes(), index, (int) head.size());
        boolean included = MerkleTree.verifyInclusion(
                leaves.hashes().get(index), index, head.size(), proof, HEX.parseHex(head.rootHash()));
        return new Inclusion(
                included,
                leafIndex,
                leaves.globalIndexes().get(index),
                LogChain.hex(leaves.hashes().get(index)),
                head.size(),
                head.rootHash(),
                head,
                proof.stream().map(LogChain::hex).toList(),
                included ? null : "the event as stored now is not the one the signed head covers");
    }

    /** The leaf at a chain position as its event is stored now; leafHash null if the event is gone. */
    public record Leaf(long position, Long globalIndex, byte[] leafHash) {}

    public static Leaf leafAt(Connection connection, long position) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT c.global_index, "
                + LogIntegrity.prefixed() + " FROM event_chain c LEFT JOIN domainevententry e ON e.globalindex = "
                + "c.global_index WHERE c.position = ?")) {
            select.setLong(1, position);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return new Leaf(position, null, null);
                }
                return new Leaf(
                        position,
                        rs.getLong("global_index"),
                        rs.getObject("eventidentifier") == null ? null : MerkleTree.leafHash(LogChain.canonical(rs)));
            }
        }
    }

    /**
     * The inclusion of this leaf (hashed from its event as stored now) in the newest signed head, its proof read
     * from the stored nodes: O(log n) rows. Null if the stored nodes do not cover that head (the caller recomputes).
     */
    public static Inclusion storedInclusion(Connection connection, List<TreeHead> heads, long leafIndex, Leaf leaf)
            throws SQLException {
        List<TreeHead> valid = heads.stream().filter(TreeHead::signatureValid).toList();
        if (valid.isEmpty()) {
            return new Inclusion(false, leafIndex, null, null, 0, null, null, List.of(), "no signed tree head yet");
        }
        TreeHead head = valid.get(valid.size() - 1);
        if (leafIndex < 0 || leafIndex >= head.size()) {
            return new Inclusion(
                    false,
                    leafIndex,
                    leaf.globalIndex(),
                    leaf.leafHash() == null ? null : LogChain.hex(leaf.leafHash()),
                    head.size(),
                    head.rootHash(),
                    head,
                    List.of(),
                    "leaf " + leafIndex + " is not among the " + head.size() + " events of the newest signed head");
        }
        MerkleTree.Subtrees nodes =
                MerkleNodes.read(connection, tree -> MerkleTree.inclusionProof(tree, leafIndex, head.size()));
        if (nodes == null) {
            return null;
        }
        List<byte[]> proof = MerkleTree.inclusionProof(nodes, leafIndex, head.size());
        boolean included = leaf.leafHash() != null
                && MerkleTree.verifyInclusion(
                        leaf.leafHash(), leafIndex, head.size(), proof, HEX.parseHex(head.rootHash()));
        return new Inclusion(
                included,
                leafIndex,
                leaf.globalIndex(),
                leaf.leafHash() == null ? null : LogChain.hex(leaf.leafHash()),
                head.size(),
                head.rootHash(),
                head,
                proof.stream().map(LogChain::hex).toList(),
                included
                        ? null
                        : leaf.leafHash() == null
                                ? "the event at this position is gone"
                                : "the event as stored now is not the one the signed head covers");
    }

    /**
     * Does the newest signed head extend the tree of this size and root? Proved from the stored nodes (O(log n)
     * rows); {@code heads} is null: whether the events as stored now still reproduce the heads is the full check's
     * question ({@link #consistency(Leaves, List, long, String)}). Null if the stored nodes do not cover the heads.
     */
    public static Consistency storedConsistency(
            Connection connection, List<TreeHead> heads, long fromSize, String fromRoot) throws SQLException {
        List<TreeHead> valid = heads.stream().filter(TreeHead::signatureValid).toList();
        String from = fromRoot.toLowerCase();
        Consistency refused = unprovable(valid, fromSize, from, null);
        if (refused != null) {
            return refused;
        }
        TreeHead to = valid.get(valid.size() - 1);
        MerkleTree.Subtrees nodes = MerkleNodes.read(connection, tree -> {
            MerkleTree.consistencyProof(tree, fromSize, to.size());
            MerkleTree.root(tree, fromSize);
            MerkleTree.root(tree, to.size());
        });
        if (nodes == null) {
            return null;
        }
        List<byte[]> proof = MerkleTree.consistencyProof(nodes, fromSize, to.size());
        boolean fromMatches = LogChain.hex(MerkleTree.root(nodes, fromSize)).equals(from);
        boolean toMatches = LogChain.hex(MerkleTree.root(nodes, to.size())).equals(to.rootHash());
        boolean consistent = toMatches
                && MerkleTree.verifyConsistency(fromSize, to.size(), parse(from), HEX.parseHex(to.rootHash()), proof);
        String reason = consistent
                ? null
                : !toMatches
                        ? "the stored tree no longer reproduces the newest signed head"
                        : !fromMatches
                                ? "the log's first " + fromSize + " events do not hash to " + from
                                        + ": they are not the events that head was taken over"
                                : "the consistency proof does not verify";
        return new Consistency(
                consistent,
                fromSize,
                from,
                to.size(),
                to.rootHash(),
                to,
                proof.stream().map(LogChain::hex).toList(),
                fromMatches,
                toMatches,
                reason,
                null);
    }

    private static byte[] parse(String hex) {
        try {
            return HEX.parseHex(hex);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}

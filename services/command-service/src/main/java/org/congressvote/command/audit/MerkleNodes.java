package org.congressvote.command.audit;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The complete subtrees of the log's Merkle tree, stored as the chain grows (table {@code merkle_node}): node
 * (level, index) is the hash of leaves [index * 2^level, (index + 1) * 2^level), written once, when its last leaf
 * is chained. Every subtree a proof needs is a right-leaning fold of at most log2(n) of them, so an inclusion or
 * consistency proof reads O(log n) rows (in one query) instead of recomputing every leaf. The proofs are the same
 * bytes as the reference recursion over the leaves ({@link MerkleTree#over}).
 */
public final class MerkleNodes {

    private static final Logger LOG = LoggerFactory.getLogger(MerkleNodes.class);

    private MerkleNodes() {}

    /** One complete subtree: the leaves [index * 2^level, (index + 1) * 2^level). */
    public record Node(int level, long index, byte[] hash) {
        Key key() {
            return new Key(level, index);
        }
    }

    record Key(int level, long index) {}

    /** Stored nodes this computation needs, by key; the left siblings of a new leaf's path. */
    @FunctionalInterface
    public interface Lookup {
        byte[] node(int level, long index);
    }

    /**
     * The nodes that chaining a leaf at this index completes: the leaf itself, then each parent whose right child it
     * completes. {@code stored} gives the left siblings (written before).
     */
    public static List<Node> completedBy(long index, byte[] leafHash, Lookup stored) {
        List<Node> nodes = new ArrayList<>();
        nodes.add(new Node(0, index, leafHash));
        int level = 0;
        long i = index;
        byte[] hash = leafHash;
        while ((i & 1) == 1) {
            byte[] left = stored.node(level, i - 1);
            if (left == null) {
                throw new IllegalStateException("node " + level + "/" + (i - 1) + " of the Merkle tree is missing");
            }
            hash = MerkleTree.nodeHash(left, hash);
            level++;
            i >>= 1;
            nodes.add(new Node(level, i, hash));
        }
        return nodes;
    }

    /** The complete subtrees whose fold is MTH(D[from:to]), left to right (from aligned as the proofs ask). */
    static List<Key> pieces(long from, long to) {
        List<Key> pieces = new ArrayList<>();
        long start = from;
        while (start < to) {
            long n = to - start;
            long k = Long.bitCount(n) == 1 ? n : MerkleTree.split(n);
            if (start % k != 0) {
                throw new IllegalArgumentException("[" + from + ", " + to + ") is not a subtree of the log's tree");
            }
            int level = Long.numberOfTrailingZeros(k);
            pieces.add(new Key(level, start >> level));
            start += k;
        }
        return pieces;
    }

    /** Subtree hashes folded from these nodes (all those the computation needs). */
    static final class Loaded implements MerkleTree.Subtrees {
        private final Map<Key, byte[]> nodes;

        Loaded(Map<Key, byte[]> nodes) {
            this.nodes = nodes;
        }

        @Override
        public byte[] hash(long from, long to) {
            List<Key> pieces = pieces(from, to);
            byte[] hash = null;
            for (int p = pieces.size() - 1; p >= 0; p--) {
                byte[] node = nodes.get(pieces.get(p));
                if (node == null) {
                    throw new IllegalStateException("node " + pieces.get(p) + " was not read");
                }
                hash = hash == null ? node : MerkleTree.nodeHash(node, hash);
            }
            return hash;
        }
    }

    /** Records which nodes a proof will read, so that they are read in one query. */
    private static final class Wanted implements MerkleTree.Subtrees {
        final Set<Key> keys = new LinkedHashSet<>();

        @Override
        public byte[] hash(long from, long to) {
            keys.addAll(pieces(from, to));
            return new byte[32];
        }
    }

    /** The stored nodes for one computation over the tree, read in one query; null if any is missing. */
    public static MerkleTree.Subtrees read(Connection connection, Consumer<MerkleTree.Subtrees> uses)
            throws SQLException {
        Set<Key> wanted = needed(uses);
        Map<Key, byte[]> nodes = fetch(connection, wanted);
        return nodes.size() == wanted.size() ? new Loaded(nodes) : null;
    }

    /** The stored nodes a computation over the tree reads. */
    static Set<Key> needed(Consumer<MerkleTree.Subtrees> uses) {
        Wanted wanted = new Wanted();
        uses.accept(wanted);
        return wanted.keys;
    }

    /**
     * Writes the nodes completed by leaves chained at indexes first, first + 1, ... (in the transaction that chains
     * them). Leaves chained before this table existed are filled in first, from the events as stored now.
     */
    static void append(JdbcTemplate jdbc, long first, List<byte[]> leaves) {
        Long stored = jdbc.queryForObject("SELECT max(idx) FROM merkle_node WHERE level = 0", Long.class);
        long next = stored == null ? 0 : stored + 1;
        if (next > first) {
            return; // written already (cannot happen: a chained event is never chained again)
        }
        List<byte[]> all = new ArrayList<>();
        if (next < first) {
            List<byte[]> missing = new ArrayList<>();
            jdbc.query(
                    "SELECT c.position, " + LogIntegrity.prefixed() + " FROM event_chain c JOIN domainevententry e "
                            + "ON e.globalindex = c.global_index WHERE c.position > ? AND c.position <= ? "
                            + "ORDER BY c.position",
                    rs -> {
                        if (rs.getLong("position") == next + missing.size() + 1) {
                            missing.add(MerkleTree.leafHash(LogChain.canonical(rs)));
                        }
                    },
                    next,
                    first);
            if (missing.size() != first - next) {
                LOG.warn(
                        "the Merkle tree's nodes stop at leaf {}: chain entries or events from there are gone; proofs "
                                + "past it recompute the leaves",
                        next);
                return;
            }
            all.addAll(missing);
        }
        all.addAll(leaves);
        Map<Key, byte[]> fresh = new HashMap<>();
        List<Object[]> rows = new ArrayList<>();
        Lookup lookup = (level, index) -> {
            byte[] hash = fresh.get(new Key(level, index));
            if (hash == null) {
                List<byte[]> found = jdbc.queryForList(
                        "SELECT hash FROM merkle_node WHERE level = ? AND idx = ?", byte[].class, level, index);
                hash = found.isEmpty() ? null : found.get(0);
            }
            return hash;
        };
        for (int i = 0; i < all.size(); i++) {
            for (Node node : completedBy(next + i, all.get(i), lookup)) {
                fresh.put(node.key(), node.hash());
                rows.add(new Object[] {node.level(), node.index(), node.hash()});
            }
        }
        jdbc.batchUpdate("INSERT INTO merkle_node (level, idx, hash) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", rows);
    }

    private static Map<Key, byte[]> fetch(Connection connection, Set<Key> keys) throws SQLException {
        Map<Key, byte[]> nodes = new HashMap<>();
        if (keys.isEmpty()) {
            return nodes;
        }
        Integer[] levels = keys.stream().map(Key::level).toArray(Integer[]::new);
        Long[] indexes = keys.stream().map(Key::index).toArray(Long[]::new);
        try (PreparedStatement select = connection.prepareStatement("SELECT n.level, n.idx, n.hash FROM merkle_node n "
                + "JOIN unnest(?::int[], ?::bigint[]) AS w(level, idx) ON n.level = w.level AND n.idx = w.idx")) {
            Array l = connection.createArrayOf("int4", levels);
            Array i = connection.createArrayOf("int8", indexes);
            select.setArray(1, l);
            select.setArray(2, i);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    nodes.put(new Key(rs.getInt(1), rs.getLong(2)), rs.getBytes(3));
                }
            }
        }
        return nodes;
    }
}

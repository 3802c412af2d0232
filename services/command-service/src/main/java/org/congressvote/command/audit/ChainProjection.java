package org.congressvote.command.audit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.congressvote.api.election.RoundClosedEvent;
import org.congressvote.api.motion.MotionClosedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Extends the hash chain with every stored event, in the order the tracking processor sees them. It runs in the
 * transaction that stores the processor's token (both in PostgreSQL), so each event is chained exactly once.
 * The events of one batch of the processor are chained together when the batch commits: one read of the stored
 * rows and one batched insert, rather than a read and an insert per event.
 */
@Component
@ProcessingGroup(ChainProjection.GROUP)
class ChainProjection {

    private static final Logger LOG = LoggerFactory.getLogger(ChainProjection.class);
    static final String GROUP = "audit-chain";
    private static final String BATCH = GROUP + ".batch";

    private final JdbcTemplate jdbc;
    private final TreeHeads heads;

    ChainProjection(JdbcTemplate jdbc, TreeHeads heads) {
        this.jdbc = jdbc;
        this.heads = heads;
    }

    @EventHandler
    void on(EventMessage<?> event) {
        boolean close =
                event.getPayload() instanceof MotionClosedEvent || event.getPayload() instanceof RoundClosedEvent;
        if (!CurrentUnitOfWork.isStarted()) {
            chain(List.of(event.getIdentifier()));
            if (close) {
                heads.publishSoon("close");
            }
            return;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        if (close) {
            // a signed head over the close, once the chain entry of the closing event is committed
            batch.afterCommit(u -> heads.publishSoon("close"));
        }
        batch.<List<String>>getOrComputeResource(BATCH, key -> {
                    List<String> ids = new ArrayList<>();
                    batch.onPrepareCommit(u -> chain(ids));
                    return ids;
                })
                .add(event.getIdentifier());
    }

    /** Chains the stored events with these ids, in this order; events chained already (a replay) are skipped. */
    private void chain(List<String> eventIds) {
        if (eventIds.isEmpty()) {
            return;
        }
        record Stored(long globalIndex, byte[] canonical, boolean chained) {}
        Map<String, Stored> stored = new HashMap<>();
        jdbc.query(
                "SELECT " + LogChain.COLUMNS + ", EXISTS (SELECT 1 FROM event_chain c WHERE c.global_index = "
                        + "e.globalindex) AS chained FROM domainevententry e WHERE eventidentifier = ANY (?)",
                rs -> {
                    stored.put(
                            rs.getString("eventidentifier"),
                            new Stored(rs.getLong("globalindex"), LogChain.canonical(rs), rs.getBoolean("chained")));
                },
                (Object) eventIds.toArray(String[]::new));
        List<Object[]> links = new ArrayList<>();
        List<byte[]> leaves = new ArrayList<>();
        long position = -1;
        byte[] previous = null;
        for (String id : eventIds) {
            Stored event = stored.get(id);
            if (event == null || event.chained()) {
                continue; // not a stored event (none reach this processor but from the store), or chained already
            }
            if (previous == null) {
                List<Object[]> head =
                        jdbc.query("SELECT position, hash FROM event_chain ORDER BY position DESC LIMIT 1", (rs, n) ->
                                new Object[] {rs.getLong(1), rs.getBytes(2)});
                position = head.isEmpty() ? 0 : (Long) head.get(0)[0];
                previous = head.isEmpty() ? LogChain.GENESIS : (byte[]) head.get(0)[1];
            }
            position++;
            previous = LogChain.link(previous, event.canonical());
            links.add(new Object[] {position, event.globalIndex(), previous});
            leaves.add(MerkleTree.leafHash(event.canonical()));
        }
        if (!links.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO event_chain (position, global_index, hash) VALUES (?, ?, ?)", links);
            try {
                MerkleNodes.append(jdbc, (Long) links.get(0)[0] - 1, leaves);
            } catch (IllegalStateException e) {
                // nodes deleted by hand: the chain goes on; proofs past the gap recompute the leaves
                LOG.warn("Merkle tree nodes not stored for this batch: {}", e.getMessage());
            }
        }
    }
}

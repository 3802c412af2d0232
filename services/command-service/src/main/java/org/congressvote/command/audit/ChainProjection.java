package org.congressvote.command.audit;

import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Extends the hash chain with every stored event, in the order the tracking processor sees them. It runs in the
 * transaction that stores the processor's token (both in PostgreSQL), so each event is chained exactly once.
 */
@Component
@ProcessingGroup(ChainProjection.GROUP)
class ChainProjection {

    static final String GROUP = "audit-chain";

    /** The chain's head as this batch left it; it lives and dies with the batch's unit of work and transaction. */
    private static final class Head {
        long position;
        byte[] hash;
    }

    private final JdbcTemplate jdbc;

    ChainProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(EventMessage<?> event) {
        List<Object[]> stored = jdbc.query("SELECT " + LogChain.COLUMNS + ", EXISTS (SELECT 1 FROM event_chain c "
                        + "WHERE c.global_index = e.globalindex) AS chained FROM domainevententry e WHERE eventidentifier = ?",
                (rs, n) -> new Object[] {rs.getLong("globalindex"), LogChain.canonical(rs), rs.getBoolean("chained")},
                event.getIdentifier());
        if (stored.isEmpty()) {
            return; // not a stored event (none reach this processor but from the store)
        }
        if ((Boolean) stored.get(0)[2]) {
            return; // chained already (a replay of this processor)
        }
        long globalIndex = (Long) stored.get(0)[0];
        Head head = head();
        byte[] hash = LogChain.link(head.hash, (byte[]) stored.get(0)[1]);
        jdbc.update("INSERT INTO event_chain (position, global_index, hash) VALUES (?, ?, ?)", head.position + 1,
                globalIndex, hash);
        head.position++;
        head.hash = hash;
    }

    /** Read once per batch (one transaction): the events of a batch are chained one after the other. */
    private Head head() {
        return CurrentUnitOfWork.isStarted()
                ? CurrentUnitOfWork.get().root().getOrComputeResource(GROUP + ".head", key -> readHead())
                : readHead();
    }

    private Head readHead() {
        Head head = new Head();
        List<Object[]> last = jdbc.query("SELECT position, hash FROM event_chain ORDER BY position DESC LIMIT 1",
                (rs, n) -> new Object[] {rs.getLong(1), rs.getBytes(2)});
        head.position = last.isEmpty() ? 0 : (Long) last.get(0)[0];
        head.hash = last.isEmpty() ? LogChain.GENESIS : (byte[]) last.get(0)[1];
        return head;
    }
}

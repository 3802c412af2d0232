package org.congressvote.command.audit;

import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
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

    private final JdbcTemplate jdbc;

    ChainProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(EventMessage<?> event) {
        List<Object[]> stored = jdbc.query("SELECT " + LogChain.COLUMNS + " FROM domainevententry WHERE eventidentifier = ?",
                (rs, n) -> new Object[] {rs.getLong("globalindex"), LogChain.canonical(rs)}, event.getIdentifier());
        if (stored.isEmpty()) {
            return; // not a stored event (none reach this processor but from the store)
        }
        long globalIndex = (Long) stored.get(0)[0];
        if (Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM event_chain WHERE global_index = ?)",
                Boolean.class, globalIndex))) {
            return; // chained already (a replay of this processor)
        }
        List<Object[]> head = jdbc.query("SELECT position, hash FROM event_chain ORDER BY position DESC LIMIT 1",
                (rs, n) -> new Object[] {rs.getLong(1), rs.getBytes(2)});
        long position = head.isEmpty() ? 1 : (Long) head.get(0)[0] + 1;
        byte[] previous = head.isEmpty() ? LogChain.GENESIS : (byte[]) head.get(0)[1];
        jdbc.update("INSERT INTO event_chain (position, global_index, hash) VALUES (?, ?, ?)", position, globalIndex,
                LogChain.link(previous, (byte[]) stored.get(0)[1]));
    }
}

package org.congressvote.command.eventstore;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.serialization.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fills the projections added to a database that already holds events (V13: {@code vote_record}, {@code
 * audit_index}) once, at start-up, before the web server and the processors start. The migration that created the
 * tables left a row in {@code projection_backfill} naming the last global index stored before it; every event up to
 * there is read from the event table, decoded by {@link StoredEvents}, and handed to every {@link
 * ReplayedProjection}, a batch per transaction, the progress stored with each batch (a crash resumes; a second
 * instance starting at the same time waits on the row's lock and finds the work done). Events stored after the
 * migration are written by the projections' own handlers. The row is deleted when done; a fresh database has
 * nothing to fill (its row names index 0).
 */
@Component
class ProjectionBackfill implements SmartInitializingSingleton {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectionBackfill.class);
    private static final int BATCH = 1000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final StoredEvents storedEvents;
    private final List<ReplayedProjection> projections;

    ProjectionBackfill(
            JdbcTemplate jdbc,
            PlatformTransactionManager transactionManager,
            StoredEvents storedEvents,
            List<ReplayedProjection> projections) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.storedEvents = storedEvents;
        this.projections = projections;
    }

    @Override
    public void afterSingletonsInstantiated() {
        long filled = 0;
        Integer batch;
        do {
            batch = transactions.execute(status -> fillBatch());
            filled += batch == null ? 0 : batch;
        } while (batch != null && batch > 0);
        if (filled > 0) {
            LOG.info("Projections filled from {} stored events (vote_record, audit_index)", filled);
        }
    }

    /** One batch in one transaction: the events after the stored progress, applied; null when nothing is left. */
    private Integer fillBatch() {
        List<long[]> marker = jdbc.query(
                "SELECT after_index, up_to_index FROM projection_backfill WHERE name = 'V13' FOR UPDATE",
                (rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)});
        if (marker.isEmpty()) {
            return null;
        }
        long after = marker.get(0)[0];
        long upTo = marker.get(0)[1];
        List<DomainEventMessage<?>> events = new ArrayList<>();
        long[] last = {after};
        jdbc.query(
                "SELECT " + StoredEvents.COLUMNS + " FROM domainevententry WHERE globalindex > ? AND globalindex <= ? "
                        + "ORDER BY globalindex LIMIT " + BATCH,
                rs -> {
                    last[0] = rs.getLong("globalindex");
                    events.add(storedEvents.decode(rs));
                },
                after,
                upTo);
        if (events.isEmpty()) {
            jdbc.update("DELETE FROM projection_backfill WHERE name = 'V13'");
            return 0;
        }
        for (DomainEventMessage<?> event : events) {
            try {
                for (ReplayedProjection projection : projections) {
                    projection.apply(event);
                }
            } catch (SerializationException unreadable) {
                // not an event the application can read (a row an insider wrote by hand?): nothing to project;
                // verification and the close's cross-check name such rows
                LOG.warn(
                        "Back-fill skipped the unreadable event {} of {}: {}",
                        event.getIdentifier(),
                        event.getAggregateIdentifier(),
                        unreadable.getMessage());
            }
        }
        jdbc.update("UPDATE projection_backfill SET after_index = ? WHERE name = 'V13'", last[0]);
        return events.size();
    }
}

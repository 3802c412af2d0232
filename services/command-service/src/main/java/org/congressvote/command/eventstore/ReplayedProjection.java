package org.congressvote.command.eventstore;

import org.axonframework.eventhandling.DomainEventMessage;

/**
 * A projection of the command side written in the command's transaction that can also be filled from the events
 * already stored (its table added to a database that has history): {@link ProjectionBackfill} hands it each stored
 * event once, decoded as the event store decodes it, through the same code its event handler runs.
 */
public interface ReplayedProjection {

    /** Applies one stored event; must be idempotent (a back-fill interrupted by a crash hands the batch again). */
    void apply(DomainEventMessage<?> event);
}

package org.congressvote.query.config;

import com.mongodb.MongoException;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.congressvote.query.store.OutOfSequence;
import org.congressvote.query.store.ViewWriteConflict;

/**
 * Decides which failures park an event (and its aggregate's later events) and which fail the processor's batch.
 * <p>
 * A failure of the views' surroundings is not the event's fault and heals by itself: MongoDB away or slow, a write
 * guard that found another state ({@link ViewWriteConflict}), the token store gone back to an older state
 * ({@link GuardedTokenStore.StoreWentBack}), a lost claim. Those are thrown on from here: Axon's dead-lettering
 * invoker would otherwise skip an event it is told not to park, for good. The batch fails and the processor replays
 * it from its token, as before parking existed.
 * <p>
 * An event that arrives while an earlier one of its aggregate is missing ({@link OutOfSequence}) is one of these too
 * when the store went back in time and lost the earlier one: the token store's guard is asked first (it throws
 * {@code StoreWentBack} then). If the store is where this node left it, the event is truly out of sequence and is
 * parked. Everything else a handler throws on an event (a payload it cannot read, an exception of its own) is the
 * event's: parked.
 */
final class ParkingPolicy implements EnqueuePolicy<EventMessage<?>> {

    private final String processor;
    private final GuardCheck guard;

    /** Checks that the token store is where this node left it, by extending the processor's claim of a segment. */
    interface GuardCheck {
        void extendClaim(String processor, int segment);
    }

    ParkingPolicy(String processor, GuardCheck guard) {
        this.processor = processor;
        this.guard = guard;
    }

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        if (isTransient(cause)) {
            throw rethrown(cause);
        }
        if (causedBy(cause, OutOfSequence.class)) {
            checkTheStoreDidNotGoBack();
        }
        return Decisions.enqueue(ThrowableCause.truncated(innermost(cause)));
    }

    static boolean isTransient(Throwable cause) {
        return causedBy(cause, MongoException.class)
                || causedBy(cause, ViewWriteConflict.class)
                || causedBy(cause, GuardedTokenStore.StoreWentBack.class)
                || causedBy(cause, UnableToClaimTokenException.class)
                || causedBy(cause, InterruptedException.class)
                || causedBy(cause, Error.class);
    }

    /* During a processor's batch the unit of work names its segment; an operator's retry has none to check. */
    private void checkTheStoreDidNotGoBack() {
        if (!CurrentUnitOfWork.isStarted()) {
            return;
        }
        Integer segment = CurrentUnitOfWork.get().getResource("Processor[" + processor + "]/SegmentId");
        if (segment != null) {
            guard.extendClaim(processor, segment);
        }
    }

    private static boolean causedBy(Throwable cause, Class<? extends Throwable> type) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static RuntimeException rethrown(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }

    /* The handler's own exception, not the wrappers the invoker and the serializer put around it. */
    private static Throwable innermost(Throwable cause) {
        Throwable t = cause;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}

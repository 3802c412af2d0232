package org.congressvote.query.parked;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.congressvote.query.store.StreamPosition;

/**
 * The events the views could not apply, parked per aggregate (Axon's sequenced dead-letter queue): once one event of
 * an aggregate is parked, that aggregate's later events are parked behind it, and every other aggregate's events go
 * on. The letters are kept in the views' MongoDB database by axon-mongo's queue; this class adds what the views'
 * batches need, since MongoDB gives us no transaction to share with them:
 * <ul>
 *   <li>inside a processor batch ({@link #beginBatch()} .. {@link #writeBatch()}) letters are held in memory and
 *   stored after the batch's views are written, so a batch that fails and is replayed leaves no letter behind;</li>
 *   <li>a letter is stored once per event identifier: a replayed batch does not park an event twice;</li>
 *   <li>an event read again from before the first parked event of its aggregate (the processor replays from its token
 *   after a failure) is not parked behind it: it had been applied, and the views recognise the repeat;</li>
 *   <li>the aggregates that have parked events are known in memory (one query-service per database), so an event of
 *   an aggregate with nothing parked costs no query.</li>
 * </ul>
 * The processor's batch and an operator's retry or drop never interleave ({@link #lock()}).
 */
public final class ParkedEvents implements SequencedDeadLetterQueue<EventMessage<?>> {

    private final SequencedDeadLetterQueue<EventMessage<?>> stored;
    private final ReentrantLock lock = new ReentrantLock();
    private final ThreadLocal<Map<String, List<DeadLetter<? extends EventMessage<?>>>>> batches = new ThreadLocal<>();
    /** Whether this thread's batch took the lock (an operator's retry holds it already around its batches). */
    private final ThreadLocal<Boolean> batchLocked = new ThreadLocal<>();
    /** Per aggregate with parked events: their event ids and where the first was read; null until read. */
    private volatile Map<String, Parked> sequences;

    private static final class Parked {
        final Set<String> eventIds = ConcurrentHashMap.newKeySet();
        volatile StreamPosition first;

        void add(EventMessage<?> event) {
            eventIds.add(event.getIdentifier());
            if (first == null) {
                first = position(event).orElse(null);
            }
        }
    }

    public ParkedEvents(SequencedDeadLetterQueue<EventMessage<?>> stored) {
        this.stored = stored;
    }

    /** Held by a processor batch and by an operator's retry or drop, so that they do not interleave. */
    public ReentrantLock lock() {
        return lock;
    }

    /** Starts holding letters on this thread until {@link #writeBatch()}; takes {@link #lock()}. */
    public void beginBatch() {
        if (!lock.isHeldByCurrentThread()) {
            lock.lock();
            batchLocked.set(Boolean.TRUE);
        }
        batches.set(new LinkedHashMap<>());
    }

    /** Stores the letters held since {@link #beginBatch()} (once per event) and ends the batch. */
    public void writeBatch() {
        Map<String, List<DeadLetter<? extends EventMessage<?>>>> batch = batches.get();
        batches.remove();
        if (batch != null) {
            batch.forEach((sequence, letters) -> letters.forEach(letter -> store(sequence, letter)));
        }
    }

    /** Drops the letters held since {@link #beginBatch()} unstored (the batch was rolled back) and releases the lock. */
    public void discardBatch() {
        batches.remove();
        if (batchLocked.get() != null) {
            batchLocked.remove();
            lock.unlock();
        }
    }

    @Override
    public void enqueue(Object sequenceIdentifier, DeadLetter<? extends EventMessage<?>> letter) {
        String sequence = sequenceIdentifier.toString();
        Map<String, List<DeadLetter<? extends EventMessage<?>>>> batch = batches.get();
        if (batch != null) {
            batch.computeIfAbsent(sequence, s -> new ArrayList<>()).add(letter);
        } else {
            store(sequence, letter);
        }
    }

    @Override
    public boolean enqueueIfPresent(
            Object sequenceIdentifier, Supplier<DeadLetter<? extends EventMessage<?>>> letterBuilder) {
        String sequence = sequenceIdentifier.toString();
        if (!contains(sequence)) {
            return false;
        }
        DeadLetter<? extends EventMessage<?>> letter = letterBuilder.get();
        if (readBeforeTheFirstParked(sequence, letter.message())) {
            return false;
        }
        enqueue(sequence, letter);
        return true;
    }

    private boolean readBeforeTheFirstParked(String sequence, EventMessage<?> event) {
        Optional<StreamPosition> at = position(event);
        StreamPosition first = null;
        Parked parked = known().get(sequence);
        if (parked != null) {
            first = parked.first;
        } else {
            List<DeadLetter<? extends EventMessage<?>>> pending =
                    batches.get() == null ? List.of() : batches.get().getOrDefault(sequence, List.of());
            first = pending.isEmpty()
                    ? null
                    : position(pending.get(0).message()).orElse(null);
        }
        return at.isPresent()
                && first != null
                && first.partition() == at.get().partition()
                && at.get().offset() < first.offset();
    }

    private void store(String sequence, DeadLetter<? extends EventMessage<?>> letter) {
        Parked parked = known().get(sequence);
        if (parked != null && parked.eventIds.contains(letter.message().getIdentifier())) {
            return;
        }
        stored.enqueue(sequence, letter);
        known().computeIfAbsent(sequence, s -> new Parked()).add(letter.message());
    }

    private static Optional<StreamPosition> position(EventMessage<?> event) {
        try {
            return Optional.of(StreamPosition.of(event));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public void evict(DeadLetter<? extends EventMessage<?>> letter) {
        stored.evict(letter);
        Parked parked = known().get(sequenceOf(letter));
        if (parked != null) {
            parked.eventIds.remove(letter.message().getIdentifier());
        }
        forgetIfEmpty(sequenceOf(letter));
    }

    @Override
    public void requeue(
            DeadLetter<? extends EventMessage<?>> letter,
            UnaryOperator<DeadLetter<? extends EventMessage<?>>> letterUpdater) {
        stored.requeue(letter, letterUpdater);
    }

    @Override
    public boolean contains(Object sequenceIdentifier) {
        String sequence = sequenceIdentifier.toString();
        Map<String, List<DeadLetter<? extends EventMessage<?>>>> batch = batches.get();
        return known().containsKey(sequence) || (batch != null && batch.containsKey(sequence));
    }

    @Override
    public Iterable<DeadLetter<? extends EventMessage<?>>> deadLetterSequence(Object sequenceIdentifier) {
        return stored.deadLetterSequence(sequenceIdentifier.toString());
    }

    @Override
    public Iterable<Iterable<DeadLetter<? extends EventMessage<?>>>> deadLetters() {
        return stored.deadLetters();
    }

    @Override
    public boolean isFull(Object sequenceIdentifier) {
        return stored.isFull(sequenceIdentifier.toString());
    }

    @Override
    public long size() {
        return stored.size();
    }

    @Override
    public long sequenceSize(Object sequenceIdentifier) {
        return stored.sequenceSize(sequenceIdentifier.toString());
    }

    @Override
    public long amountOfSequences() {
        return stored.amountOfSequences();
    }

    @Override
    public boolean process(
            Predicate<DeadLetter<? extends EventMessage<?>>> sequenceFilter,
            Function<DeadLetter<? extends EventMessage<?>>, EnqueueDecision<EventMessage<?>>> processingTask) {
        Set<String> processed = new HashSet<>();
        try {
            return stored.process(
                    letter -> {
                        boolean chosen = sequenceFilter.test(letter);
                        if (chosen) {
                            processed.add(sequenceOf(letter));
                        }
                        return chosen;
                    },
                    processingTask);
        } finally {
            processed.forEach(this::forgetIfEmpty);
        }
    }

    @Override
    public void clear() {
        stored.clear();
        known().clear();
    }

    /* What a retry left, or nothing: the index is read again for that aggregate. */
    private void forgetIfEmpty(String sequence) {
        known().remove(sequence);
        Parked left = new Parked();
        for (DeadLetter<? extends EventMessage<?>> letter : stored.deadLetterSequence(sequence)) {
            left.add(letter.message());
        }
        if (!left.eventIds.isEmpty()) {
            known().put(sequence, left);
        }
    }

    private Map<String, Parked> known() {
        Map<String, Parked> known = sequences;
        if (known == null) {
            Map<String, Parked> read = new ConcurrentHashMap<>();
            for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : stored.deadLetters()) {
                for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                    read.computeIfAbsent(sequenceOf(letter), s -> new Parked()).add(letter.message());
                }
            }
            sequences = known = read;
        }
        return known;
    }

    /** The parked sequences, each with at most {@code maxEvents} of its events, at most {@code maxSequences}. */
    public List<ParkedSequence> list(int maxSequences, int maxEvents) {
        List<ParkedSequence> all = new ArrayList<>();
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : stored.deadLetters()) {
            if (all.size() >= maxSequences) {
                break;
            }
            String id = null;
            long count = 0;
            List<ParkedSequence.Event> events = new ArrayList<>();
            for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                id = sequenceOf(letter);
                count++;
                if (events.size() < maxEvents) {
                    events.add(describe(letter));
                }
            }
            if (id != null) {
                all.add(new ParkedSequence(id, count, events));
            }
        }
        return all;
    }

    private static ParkedSequence.Event describe(DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> event = letter.message();
        String aggregateType = null;
        Long aggregateSequence = null;
        if (event instanceof DomainEventMessage<?> domain) {
            aggregateType = domain.getType();
            aggregateSequence = domain.getSequenceNumber();
        }
        String payloadType;
        try {
            payloadType = event.getPayloadType().getName();
        } catch (RuntimeException e) {
            payloadType = "unreadable: " + e.getMessage();
        }
        Optional<StreamPosition> at = position(event);
        return new ParkedSequence.Event(
                event.getIdentifier(),
                aggregateType,
                aggregateSequence,
                payloadType,
                at.map(StreamPosition::partition).orElse(null),
                at.map(StreamPosition::offset).orElse(null),
                letter.cause().map(c -> c.type() + ": " + c.message()).orElse(null),
                letter.enqueuedAt(),
                letter.lastTouched());
    }

    /**
     * Drops every parked event of one aggregate, for good: the views will not show them. Returns how many.
     */
    public long drop(String sequence) {
        lock.lock();
        try {
            List<DeadLetter<? extends EventMessage<?>>> letters = new ArrayList<>();
            stored.deadLetterSequence(sequence).forEach(letters::add);
            letters.forEach(stored::evict);
            long dropped = letters.size();
            forgetIfEmpty(sequence);
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    /** The aggregate a letter's event belongs to: the views' sequence (Axon's sequential-per-aggregate policy). */
    public static String sequenceOf(DeadLetter<? extends EventMessage<?>> letter) {
        return letter.message() instanceof DomainEventMessage<?> domain
                ? domain.getAggregateIdentifier()
                : letter.message().getIdentifier();
    }
}

package org.congressvote.query.config;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.Buffer;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaEventMessage;
import org.congressvote.query.store.StreamPosition;

/**
 * A bounded buffer between the Kafka fetcher and the event processor that hands records out in the order they were
 * fetched.
 * <p>
 * The extension's default {@code SortedKafkaMessageBuffer} re-orders records by timestamp across partitions. But each
 * record's tracking token already holds the offsets of every record converted before it in the same poll, so after
 * re-ordering, a token stored for a record can cover another partition's record that has not been processed yet: a
 * crash at that point skips that record for good. Handing records out in fetch order keeps every token true to what
 * was processed. Order within a partition (one aggregate) is Kafka's, either way. Each event gets its
 * {@link StreamPosition} (partition and offset) in its metadata.
 */
final class InOrderKafkaMessageBuffer implements Buffer<KafkaEventMessage> {

    private final ArrayDeque<KafkaEventMessage> queue = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final int capacity;

    InOrderKafkaMessageBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    /* Each event is handed out with where it was read from: the views use it to recognise a replayed record. */
    @Override
    public void put(KafkaEventMessage record) throws InterruptedException {
        TrackedEventMessage<?> event = record.value();
        KafkaEventMessage message = new KafkaEventMessage(
                EventUtils.asTrackedEventMessage(
                        event.andMetaData(new StreamPosition(record.partition(), record.offset()).asMetaData()),
                        event.trackingToken()),
                record.partition(),
                record.offset(),
                record.timestamp());
        lock.lockInterruptibly();
        try {
            while (queue.size() >= capacity) {
                notFull.await();
            }
            queue.addLast(message);
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void putAll(Collection<KafkaEventMessage> messages) throws InterruptedException {
        for (KafkaEventMessage message : messages) {
            put(message);
        }
    }

    @Override
    public KafkaEventMessage poll(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lockInterruptibly();
        try {
            while (queue.isEmpty()) {
                throwIfFailed();
                if (nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            return removeFirst();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public KafkaEventMessage take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (queue.isEmpty()) {
                throwIfFailed();
                notEmpty.await();
            }
            return removeFirst();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public KafkaEventMessage peek() {
        lock.lock();
        try {
            if (queue.isEmpty()) {
                throwIfFailed();
            }
            return queue.peekFirst();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int size() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public int remainingCapacity() {
        return capacity - size();
    }

    @Override
    public void clear() {
        lock.lock();
        try {
            queue.clear();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The fetcher failed: the processor sees the failure once the records fetched before it are used up. */
    @Override
    public void setException(RuntimeException exception) {
        failure.set(exception);
        lock.lock();
        try {
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private KafkaEventMessage removeFirst() {
        KafkaEventMessage first = queue.pollFirst();
        notFull.signal();
        return first;
    }

    private void throwIfFailed() {
        RuntimeException e = failure.get();
        if (e != null) {
            throw e;
        }
    }
}

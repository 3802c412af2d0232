package org.congressvote.query.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.assertj.core.api.ThrowingConsumer;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaEventMessage;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.SortedKafkaMessageBuffer;
import org.congressvote.query.store.StreamPosition;
import org.junit.jupiter.api.Test;

class InOrderKafkaMessageBufferTest {

    /*
     * Records as TrackingRecordConverter makes them from one poll: partition 0 first, then partition 1, each
     * token including everything converted before it. Partition 1's record was produced earlier.
     */
    private final KafkaEventMessage fromPartition0 = message(0, 10, 2_000, token(0, 10));
    private final KafkaEventMessage fromPartition1 =
            message(1, 5, 1_000, token(0, 10).advancedTo("congress-events", 1, 5));

    @Test
    void handsRecordsOutInTheOrderTheyWereFetched() throws Exception {
        InOrderKafkaMessageBuffer buffer = new InOrderKafkaMessageBuffer(10);
        buffer.putAll(List.of(fromPartition0, fromPartition1));

        assertThat(buffer.take()).satisfies(isTheRecord(fromPartition0));
        assertThat(buffer.poll(0, TimeUnit.MILLISECONDS)).satisfies(isTheRecord(fromPartition1));
        assertThat(buffer.poll(10, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void theExtensionsSortedBufferWouldHandOutARecordWhoseTokenCoversOneNotYetProcessed() throws Exception {
        SortedKafkaMessageBuffer<KafkaEventMessage> sorted = new SortedKafkaMessageBuffer<>(10);
        sorted.putAll(List.of(fromPartition0, fromPartition1));

        KafkaEventMessage first = sorted.take();
        assertThat(first).isSameAs(fromPartition1);
        // Storing this token after processing only `first` would skip partition 0's record after a crash.
        assertThat(((KafkaTrackingToken) first.value().trackingToken()).getPositions())
                .containsKeys(new TopicPartition("congress-events", 0));
    }

    @Test
    void aFullBufferMakesTheFetcherWaitUntilTheProcessorTakesOne() throws Exception {
        InOrderKafkaMessageBuffer buffer = new InOrderKafkaMessageBuffer(1);
        buffer.put(fromPartition0);

        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> {
            try {
                buffer.put(fromPartition1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread.sleep(50);
        assertThat(second).isNotDone();

        assertThat(buffer.take()).satisfies(isTheRecord(fromPartition0));
        second.get(1, TimeUnit.SECONDS);
        assertThat(buffer.take()).satisfies(isTheRecord(fromPartition1));
    }

    @Test
    void aFetcherFailureReachesTheProcessorOnceTheFetchedRecordsAreUsedUp() throws Exception {
        InOrderKafkaMessageBuffer buffer = new InOrderKafkaMessageBuffer(10);
        buffer.put(fromPartition0);
        buffer.setException(new IllegalStateException("broker gone"));

        assertThat(buffer.poll(0, TimeUnit.MILLISECONDS)).satisfies(isTheRecord(fromPartition0));
        assertThatThrownBy(() -> buffer.poll(10, TimeUnit.MILLISECONDS)).hasMessage("broker gone");
    }

    /* The same record, its token unchanged, with where it was read from in its metadata. */
    private static ThrowingConsumer<KafkaEventMessage> isTheRecord(KafkaEventMessage record) {
        return handedOut -> {
            assertThat(handedOut.value().getIdentifier())
                    .isEqualTo(record.value().getIdentifier());
            assertThat(handedOut.value().trackingToken())
                    .isEqualTo(record.value().trackingToken());
            assertThat(handedOut.value().getPayload()).isEqualTo(record.value().getPayload());
            assertThat(List.of(handedOut.partition(), handedOut.offset()))
                    .containsExactly(record.partition(), record.offset());
            assertThat(StreamPosition.of(handedOut.value()))
                    .isEqualTo(new StreamPosition(record.partition(), record.offset()));
        };
    }

    private static KafkaTrackingToken token(int partition, long offset) {
        return KafkaTrackingToken.emptyToken().advancedTo("congress-events", partition, offset);
    }

    private static KafkaEventMessage message(int partition, long offset, long timestamp, KafkaTrackingToken token) {
        return new KafkaEventMessage(
                new GenericTrackedEventMessage<>(
                        token, GenericEventMessage.asEventMessage("p" + partition + "@" + offset)),
                partition,
                offset,
                timestamp);
    }
}

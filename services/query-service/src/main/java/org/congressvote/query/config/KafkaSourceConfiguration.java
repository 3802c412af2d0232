package org.congressvote.query.config;

import java.util.List;
import org.axonframework.extensions.kafka.KafkaProperties;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.consumer.ConsumerFactory;
import org.axonframework.extensions.kafka.eventhandling.consumer.Fetcher;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaEventMessage;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.StreamableKafkaMessageSource;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Kafka topic as a streamable event source for the tracking processors (named {@code streamableKafkaMessageSource}
 * in application.yml). It replaces the extension's auto-configured source only to hand records out in fetch order.
 */
@Configuration(proxyBeanMethods = false)
class KafkaSourceConfiguration {

    @Bean
    @SuppressWarnings({"unchecked", "rawtypes"})
    StreamableKafkaMessageSource<String, byte[]> streamableKafkaMessageSource(
            KafkaProperties properties,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            ConsumerFactory<?, ?> kafkaConsumerFactory,
            Fetcher<?, ?, ?> kafkaFetcher,
            KafkaMessageConverter<?, ?> kafkaMessageConverter) {
        int bufferSize = properties.getFetcher().getBufferSize();
        return StreamableKafkaMessageSource.<String, byte[]>builder()
                .topics(List.of(properties.getDefaultTopic()))
                .serializer(eventSerializer)
                .consumerFactory((ConsumerFactory<String, byte[]>) kafkaConsumerFactory)
                .fetcher((Fetcher<String, byte[], KafkaEventMessage>) (Fetcher) kafkaFetcher)
                .messageConverter((KafkaMessageConverter<String, byte[]>) kafkaMessageConverter)
                .bufferFactory(() -> new InOrderKafkaMessageBuffer(bufferSize))
                .build();
    }
}

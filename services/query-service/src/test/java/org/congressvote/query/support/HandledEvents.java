package org.congressvote.query.support;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.congressvote.query.store.ViewStore;

/**
 * Watches the projections' event processor (or the named processing groups): when each event (by aggregate id and
 * sequence) was last handled, and how often. Register with {@link #module()}; times are {@link System#nanoTime()}.
 */
public final class HandledEvents {

    private final List<String> groups;
    private final Map<String, Long> handledAt = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> timesHandled = new ConcurrentHashMap<>();

    public HandledEvents(String... groups) {
        this.groups = groups.length > 0 ? List.of(groups) : List.of(ViewStore.PROCESSING_GROUP);
    }

    public ConfigurerModule module() {
        return configurer -> configurer.eventProcessing(processing ->
                groups.forEach(group -> processing.registerHandlerInterceptor(group, c -> interceptor())));
    }

    private MessageHandlerInterceptor<EventMessage<?>> interceptor() {
        return (UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) -> {
            Object result = chain.proceed();
            if (unitOfWork.getMessage() instanceof DomainEventMessage<?> event) {
                String key = key(event.getAggregateIdentifier(), event.getSequenceNumber());
                handledAt.put(key, System.nanoTime());
                timesHandled.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            }
            return result;
        };
    }

    public static String key(String aggregateId, long seq) {
        return aggregateId + "@" + seq;
    }

    public Long handledAt(String aggregateId, long seq) {
        return handledAt.get(key(aggregateId, seq));
    }

    public int timesHandled(String aggregateId, long seq) {
        AtomicInteger times = timesHandled.get(key(aggregateId, seq));
        return times == null ? 0 : times.get();
    }

    /** How many events of aggregates whose id starts with {@code prefix} were handled, repeats included. */
    public int handledWithPrefix(String prefix) {
        return timesHandled.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix))
                .mapToInt(e -> e.getValue().get())
                .sum();
    }
}

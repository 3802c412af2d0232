package org.congressvote.query.config;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.congressvote.query.parked.ParkedEvents;
import org.congressvote.query.store.MongoViewStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Each batch of a projection's event processor writes its views once: the view store collects the changes of the
 * batch's events in memory and writes them after the last event's handlers, and before the processor stores its
 * token (which it does when the unit of work commits). A batch that fails is dropped unwritten and replayed from the
 * stored token. A batch is what the topic has waiting, up to the processor's batch size: one event alone is written
 * at once, a burst shares its writes.
 * <p>
 * Just before it writes, the batch extends its processor's claim, which {@link GuardedTokenStore} refuses if the
 * store went back to an older state (a MongoDB-wire server restarted on older data) since the processor last stored
 * its token: counters that count up to an offset must not be written over a store that lost the counts before it.
 * The events the batch parked ({@link ParkedEvents}) are stored after its views, so a batch that fails parks nothing;
 * the batch holds the parked events' lock, so that an operator's retry or drop waits for it.
 * The MongoDB client does not retry reads or writes by itself (MongoConfiguration), so a batch that meets a restart
 * fails and is replayed rather than going on against the older state.
 */
@Configuration(proxyBeanMethods = false)
class ViewBatches {

    @Bean
    ConfigurerModule viewsAreWrittenOncePerBatch(MongoViewStore store, ParkedEvents parked, TokenStore tokens) {
        return configurer -> configurer.eventProcessing(processing -> processing.registerDefaultHandlerInterceptor(
                (configuration, name) -> interceptor(store, parked, tokens, name)));
    }

    static MessageHandlerInterceptor<EventMessage<?>> interceptor(
            MongoViewStore store, ParkedEvents parked, TokenStore tokens, String processor) {
        String segmentResource = "Processor[" + processor + "]/SegmentId";
        return (UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) -> {
            BatchingUnitOfWork<?> batch = unitOfWork instanceof BatchingUnitOfWork<?> b ? b : null;
            boolean first = batch == null || batch.isFirstMessage();
            boolean last = batch == null || batch.isLastMessage();
            if (first) {
                parked.beginBatch();
                store.beginBatch();
                unitOfWork.onCleanup(u -> {
                    store.discardBatch();
                    parked.discardBatch();
                });
            }
            Object result = chain.proceed();
            if (last) {
                Integer segment = unitOfWork.getResource(segmentResource);
                if (segment != null) {
                    tokens.extendClaim(processor, segment);
                }
                store.writeBatch();
                parked.writeBatch();
            }
            return result;
        };
    }
}

package org.congressvote.query.config;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.congressvote.query.store.MongoViewStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Each batch of a projection's event processor writes its views once: the view store collects the changes of the
 * batch's events in memory and writes them after the last event's handlers, and before the processor stores its
 * token (which it does when the unit of work commits). A batch that fails is dropped unwritten and replayed from the
 * stored token. A batch is what the topic has waiting, up to the processor's batch size: one event alone is written
 * at once, a burst shares its writes.
 */
@Configuration(proxyBeanMethods = false)
class ViewBatches {

    @Bean
    ConfigurerModule viewsAreWrittenOncePerBatch(MongoViewStore store) {
        return configurer -> configurer.eventProcessing(processing ->
                processing.registerDefaultHandlerInterceptor((configuration, name) -> interceptor(store)));
    }

    static MessageHandlerInterceptor<EventMessage<?>> interceptor(MongoViewStore store) {
        return (UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) -> {
            boolean first = !(unitOfWork instanceof BatchingUnitOfWork<?> batch) || batch.isFirstMessage();
            boolean last = !(unitOfWork instanceof BatchingUnitOfWork<?> batch2) || batch2.isLastMessage();
            if (first) {
                store.beginBatch();
                unitOfWork.onCleanup(u -> store.discardBatch());
            }
            Object result = chain.proceed();
            if (last) {
                store.writeBatch();
            }
            return result;
        };
    }
}

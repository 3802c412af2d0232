package org.congressvote.query.config;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How the projections' event processors treat a failure. */
@Configuration(proxyBeanMethods = false)
class ProcessingConfiguration {

    /*
     * Axon's default logs a failing event handler and goes on to the next event: with MongoDB away for a moment, or a
     * view that sees an event before an earlier one it lost, that would skip the event for good. Propagating the
     * failure fails the batch instead; the processor then releases its claim, waits (1 s, doubling up to 60 s),
     * fetches its token from the store again and replays from there, and the views ignore what they had applied.
     */
    @Bean
    ConfigurerModule failedEventsAreRetriedNotSkipped() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance()));
    }
}

package org.congressvote.command.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.ExecutionResult;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.congressvote.api.error.DomainRuleViolation;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Counts every command by outcome and refusal code, and times it from handling to the end of its commit, with plain
 * meters (no observation per request: those cost 14.6 % of the CPU per vote). Votes are {@code CastVoteCommand},
 * ballots {@code CastBallotCommand}. {@code congress.metrics.commands=false} leaves them out, for the bench to measure
 * what they cost (docs/benchmarks.md).
 */
@Component
@ConditionalOnProperty(prefix = "congress.metrics", name = "commands", havingValue = "true", matchIfMissing = true)
class CommandMetrics {

    /** A second vote (ballot) is refused by the event store's unique key; the web layer answers ALREADY_VOTED. */
    static final String DUPLICATE = "ALREADY_VOTED";

    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    CommandMetrics(CommandBus commandBus, MeterRegistry registry) {
        this.registry = registry;
        // Not a bean of the interceptor type: Axon's auto-configuration would register it a second time.
        MessageHandlerInterceptor<CommandMessage<?>> interceptor = this::handle;
        commandBus.registerHandlerInterceptor(interceptor);
    }

    private Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        long started = System.nanoTime();
        String command = unitOfWork.getMessage().getPayloadType().getSimpleName();
        unitOfWork.onCleanup(u -> record(command, u.getExecutionResult(), System.nanoTime() - started));
        return chain.proceed();
    }

    private void record(String command, ExecutionResult result, long nanos) {
        timers.computeIfAbsent(
                        command,
                        c -> Timer.builder("congress.command.latency")
                                .description("Time from handling a command to the end of its commit")
                                .tag("command", c)
                                .serviceLevelObjectives(
                                        Duration.ofMillis(5),
                                        Duration.ofMillis(10),
                                        Duration.ofMillis(25),
                                        Duration.ofMillis(50),
                                        Duration.ofMillis(100),
                                        Duration.ofMillis(250),
                                        Duration.ofMillis(500),
                                        Duration.ofSeconds(1),
                                        Duration.ofMillis(2500),
                                        Duration.ofSeconds(5))
                                .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
        String outcome = "accepted";
        String code = "none";
        if (result == null) {
            outcome = "failed";
        } else if (result.isExceptionResult()) {
            Throwable failure = result.getExceptionResult();
            if (failure instanceof DomainRuleViolation refusal) {
                outcome = "refused";
                code = refusal.code().name();
            } else if (failure instanceof AggregateStreamCreationException) {
                outcome = "refused";
                code = DUPLICATE;
            } else {
                outcome = "failed";
                code = failure.getClass().getSimpleName();
            }
        }
        String finalOutcome = outcome;
        String finalCode = code;
        counters.computeIfAbsent(
                        command + '/' + outcome + '/' + code,
                        k -> Counter.builder("congress.commands")
                                .description(
                                        "Commands handled, by outcome (accepted, refused, failed) and refusal code")
                                .tags("command", command, "outcome", finalOutcome, "code", finalCode)
                                .register(registry))
                .increment();
    }
}

package org.congressvote.command.web;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.congressvote.api.error.DomainRuleViolation;

/** Tells a command the domain refused (worth looking up what a retried request stored) from a failure of the store. */
public final class Refusals {

    private Refusals() {}

    public static boolean isRefusal(Throwable failure) {
        if (failure instanceof CommandExecutionException wrapped && wrapped.getCause() != null) {
            failure = wrapped.getCause();
        }
        return failure instanceof DomainRuleViolation || failure instanceof AggregateStreamCreationException;
    }
}

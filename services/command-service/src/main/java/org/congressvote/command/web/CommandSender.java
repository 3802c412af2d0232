package org.congressvote.command.web;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Component;

/**
 * Sends a command and waits for its outcome. Another command-service instance may have appended to the same
 * aggregate after this one cached it; the event store then refuses the append and the command is decided again on
 * fresh state. Creating an aggregate that already exists is not retried: it is a real conflict.
 */
@Component
class CommandSender {

    private static final int ATTEMPTS = 5;

    private final CommandGateway gateway;

    CommandSender(CommandGateway gateway) {
        this.gateway = gateway;
    }

    <R> R send(Object command) {
        for (int attempt = 1; ; attempt++) {
            try {
                return gateway.sendAndWait(command);
            } catch (AggregateStreamCreationException e) {
                throw e;
            } catch (ConcurrencyException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}

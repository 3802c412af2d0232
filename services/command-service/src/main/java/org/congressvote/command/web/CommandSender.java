package org.congressvote.command.web;

import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
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
public class CommandSender {

    private static final int ATTEMPTS = 5;

    private final CommandGateway gateway;
    private final Actor actor;

    CommandSender(CommandGateway gateway, Actor actor) {
        this.gateway = gateway;
        this.actor = actor;
    }

    public <R> R send(Object command) {
        for (int attempt = 1; ; attempt++) {
            try {
                return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                        .andMetaData(Map.of("actor", actor.name(), "role", actor.role())));
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

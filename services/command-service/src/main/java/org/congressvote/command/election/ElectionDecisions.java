package org.congressvote.command.election;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.congressvote.api.election.ApplyMotionResultCommand;
import org.congressvote.api.motion.MotionClosedEvent;
import org.springframework.stereotype.Component;

/**
 * Applies the congress's show of hands to the election it decides (seats, list, withdrawal). The processing group is
 * subscribing (application.yml): the election's decision is stored in the transaction that closes the motion, so the
 * close's answer means both are stored, and a failure fails the close.
 */
@Component
@ProcessingGroup(ElectionDecisions.GROUP)
class ElectionDecisions {

    static final String GROUP = "election-decisions";

    private final CommandGateway commands;

    ElectionDecisions(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(MotionClosedEvent event, EventMessage<?> message) {
        if (event.decides() == null) {
            return;
        }
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(
                        new ApplyMotionResultCommand(event.decides(), event.motionId(), event.adopted()))
                .andMetaData(message.getMetaData().subset("actor", "role")));
    }
}

package org.congressvote.command.vote;

import java.util.Optional;

/**
 * What a command handler may ask about other aggregates before deciding: does the congress exist, is the
 * motion open, is the delegate in the hall. Answers hold until the current transaction ends, so a motion
 * cannot close, nor a delegate leave, between the check and the stored vote.
 */
public interface VotingGate {

    boolean congressExists(String congressId);

    /** The congress of the motion if it is open now (the motion stays open until this transaction ends). */
    Optional<OpenMotion> openMotion(String motionId);

    /** Whether the delegate is checked in now (and stays so until this transaction ends). */
    boolean isPresent(String congressId, String delegateId);

    /** Whether the motion exists at all, to tell "not open" from "no such motion". */
    boolean motionExists(String motionId);

    record OpenMotion(String motionId, String congressId) {
    }
}

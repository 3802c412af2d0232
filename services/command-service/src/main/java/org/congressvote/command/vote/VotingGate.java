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

    /**
     * Waits for the votes on this motion that are being decided now, and holds off new ones until the current
     * transaction ends. Call it before storing a change of the motion's state, so that every vote stored before the
     * change also comes before it in the log, and every vote after it sees the new state.
     */
    void awaitVotesInProgress(String motionId);

    /** The same for one delegate, before they leave the hall. */
    void awaitVotesInProgress(String congressId, String delegateId);

    record OpenMotion(String motionId, String congressId) {
    }
}

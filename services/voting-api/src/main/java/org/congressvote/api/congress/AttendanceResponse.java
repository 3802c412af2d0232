package org.congressvote.api.congress;

/** Live attendance: delegates summoned (registered), present now, and the quorum as present / required. */
public record AttendanceResponse(
        String congressId, String name, long summoned, long present, long quorumRequired, boolean quorumMet) {}

package org.congressvote.api.election;

public record WithdrawalRequestedEvent(
        String electionId, String congressId, String motionId, String candidateId, String reason) {}

package org.congressvote.api.congress;

public record FetchAttendanceQuery(String congressId) {}

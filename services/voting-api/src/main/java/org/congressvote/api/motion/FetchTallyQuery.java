package org.congressvote.api.motion;

public record FetchTallyQuery(String motionId) {}

package org.congressvote.api.congress;

/** A grassroots party organisation (to chuc co so dang) that sends delegates; {@code members} it represents. */
public record Organisation(String code, String name, int members) {}

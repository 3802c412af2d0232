package org.congressvote.api.congress;

import java.util.List;

/** The congresses the read side knows, by id, each with its name and where it stands. */
public record CongressListResponse(List<Entry> congresses) {

    public record Entry(String congressId, String name, CongressStatus status) {}
}

package org.congressvote.api.congress;

import java.util.List;

public record CongressCreatedEvent(String congressId, String name, Fraction quorum, List<Organisation> organisations) {

    public CongressCreatedEvent(String congressId, String name, Fraction quorum) {
        this(congressId, name, quorum, List.of());
    }
}

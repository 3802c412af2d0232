package org.congressvote.api.congress;

import java.util.List;

/**
 * The roster as anyone in the hall may see it, in roster order: who is summoned, from which organisation, as official
 * or alternate, where their credentials stand, who sits in place of whom, who is declared absent and who is present.
 * No reasons, dates of birth or anything else the record keeps for the committees.
 */
public record RosterResponse(String congressId, List<Delegate> delegates) {

    public record Delegate(
            String delegateId,
            String fullName,
            String organisation,
            String organisationName,
            DelegateKind kind,
            CredentialsStatus credentials,
            boolean present,
            String seatedFor,
            String replacedBy,
            boolean declaredAbsent) {}
}

package org.congressvote.command.gate;

import org.congressvote.api.election.ElectorateBase;
import org.congressvote.api.error.DomainRuleViolation;
import org.congressvote.api.error.ErrorCode;

/**
 * Who votes in a vote, by one set of rules for every electorate: the congress (its delegates), or a body formed by an
 * earlier election of the congress (its members). Election rounds and motions both ask here, so a body's show of hands
 * and its secret ballot cannot disagree on who is in it; the base of either is {@link VotingGate#seats(String, String)}.
 */
public final class Electorates {

    private Electorates() {}

    /**
     * The body an election or motion of {@code congressId} names by {@code bodyElectionId}: an election of the same
     * congress, other than {@code ownId} (the election being created, if any). {@code role} says what the body would be
     * ("this election's electorate", "this motion's electorate") in the refusal.
     */
    public static VotingGate.Body requireBody(
            VotingGate gate, String congressId, String bodyElectionId, String ownId, String role) {
        return gate.body(bodyElectionId)
                .filter(body -> body.congressId().equals(congressId))
                .filter(body -> !body.electionId().equals(ownId))
                .orElseThrow(() -> new DomainRuleViolation(
                        ErrorCode.BODY_NOT_FOUND,
                        "There is no election " + bodyElectionId + " in congress " + congressId + " to be " + role
                                + ": name an earlier election of the congress."));
    }

    /** The name the minutes print for the body formed by that election ("Ban Chấp hành"), null for the congress. */
    public static String name(VotingGate gate, String electorateElectionId) {
        return electorateElectionId == null
                ? null
                : gate.body(electorateElectionId)
                        .map(body -> ElectorateBase.bodyName(body.title()))
                        .orElse(electorateElectionId);
    }

    /** A body's own vote opens only once the election forming it has elected members. */
    public static void requireElected(
            VotingGate gate, String electorateElectionId, String electorateTitle, String what) {
        if (electorateElectionId != null && gate.members(electorateElectionId).isEmpty()) {
            throw new DomainRuleViolation(
                    ErrorCode.BODY_NOT_ELECTED,
                    electorateTitle + " has no members elected yet: " + what + " cannot open before a round of the"
                            + " election that forms it has elected them.");
        }
    }

    /** In a body's own vote, its members, and only they, vote; anyone may in the congress's. */
    public static void requireMember(VotingGate gate, String electorateElectionId, String voterId, String what) {
        if (electorateElectionId != null && !gate.isMember(electorateElectionId, voterId)) {
            throw new DomainRuleViolation(
                    ErrorCode.NOT_IN_ELECTORATE,
                    what + " is voted by the members of the body that votes, and " + voterId + " is not one of them.");
        }
    }
}

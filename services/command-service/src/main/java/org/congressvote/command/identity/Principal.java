package org.congressvote.command.identity;

/** The authenticated caller of a request; delegates carry the congress and delegate they are bound to. */
public record Principal(String subject, Role role, String congressId, String delegateId)
        implements java.security.Principal {

    @Override
    public String getName() {
        return subject;
    }
}

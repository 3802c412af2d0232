package org.congressvote.command.web;

import org.congressvote.command.identity.Principal;
import org.springframework.security.access.AccessDeniedException;

/** A delegate votes as themselves only: the delegate comes from the session, never from the request. */
public final class Voter {

    private Voter() {}

    public static String delegateOf(Principal principal, String requested) {
        if (principal == null || principal.delegateId() == null) {
            throw new AccessDeniedException("Only a delegate's own session can vote.");
        }
        if (requested != null && !requested.equals(principal.delegateId())) {
            throw new AccessDeniedException("A delegate votes only as themselves.");
        }
        return principal.delegateId();
    }
}

package org.congressvote.command.web;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Who sends the current request, as recorded in the events' metadata (the audit's "acting user and role"). */
@Component
class Actor {

    String name() {
        HttpServletRequest request = request();
        Principal principal = request == null ? null : request.getUserPrincipal();
        return principal == null ? "anonymous" : principal.getName();
    }

    String role() {
        HttpServletRequest request = request();
        if (request == null) {
            return "system";
        }
        for (String role : new String[] {"SECRETARIAT", "CREDENTIALS", "COUNTING", "DELEGATE"}) {
            if (request.isUserInRole(role)) {
                return role.toLowerCase();
            }
        }
        return "unauthenticated";
    }

    private static HttpServletRequest request() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest()
                : null;
    }
}

package org.congressvote.command.web;

import java.util.regex.Pattern;

import org.congressvote.api.error.DomainRuleViolation;
import org.congressvote.api.error.ErrorCode;

/** Ids are chosen by clients; they must be short, printable and safe in a URL path. */
final class Ids {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._~-]{1,64}");

    private Ids() {
    }

    static void require(String id, String field) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new DomainRuleViolation(ErrorCode.INVALID_REQUEST, "The field '" + field
                    + "' must be 1 to 64 letters, digits or . _ ~ - characters.");
        }
    }
}

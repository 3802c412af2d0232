package org.congressvote.command;

import java.util.Map;
import org.congressvote.api.error.DomainRuleViolation;
import org.congressvote.api.error.ErrorCode;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.hamcrest.Matcher;

/** For fixture tests: a refusal with the code a client sees, not merely an exception of the right class. */
public final class Violations {

    private Violations() {}

    /** The refusal's code and the figures it carries to the client (e.g. a list's length and its limit). */
    public static Matcher<Object> violationOf(ErrorCode code, Map<String, Long> figures) {
        return new BaseMatcher<>() {
            @Override
            public boolean matches(Object actual) {
                return actual instanceof DomainRuleViolation violation
                        && violation.code() == code
                        && violation.figures().equals(figures);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a DomainRuleViolation with code " + code + " and figures " + figures);
            }

            @Override
            public void describeMismatch(Object item, Description description) {
                description.appendText(
                        "was " + item + (item instanceof DomainRuleViolation v ? " with figures " + v.figures() : ""));
            }
        };
    }

    public static Matcher<Object> violationOf(ErrorCode code) {
        return new BaseMatcher<>() {
            @Override
            public boolean matches(Object actual) {
                return actual instanceof DomainRuleViolation violation && violation.code() == code;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a DomainRuleViolation with code " + code);
            }

            @Override
            public void describeMismatch(Object item, Description description) {
                description.appendText("was " + item);
            }
        };
    }
}

package org.congressvote.system;

/**
 * The one administrator password of the system tests. All of them share one PostgreSQL per test JVM, and the first
 * command-service to start creates the administrator with the password it is given: every test must give the same.
 */
public final class SystemTestAdmin {

    public static final String PASSWORD = "system-tests-admin-password";

    private SystemTestAdmin() {}
}

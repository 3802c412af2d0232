package org.congressvote.command.audit;

import java.sql.Connection;
import java.sql.DriverManager;

/**
 * Command-line verification of the event log's hash chain, for the vote-counting committee:
 * {@code infrastructure/verify-log.sh [jdbc-url [user [password]]]}. Exit code 0 when intact, 1 when broken, 2 on error.
 */
public final class VerifyLogCli {

    private VerifyLogCli() {
    }

    public static void main(String[] args) {
        String url = args.length > 0 ? args[0] : "jdbc:postgresql://127.0.0.1:15432/congress";
        String user = args.length > 1 ? args[1] : "postgres";
        String password = args.length > 2 ? args[2] : "postgres";
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            ChainVerifier.Verification v = ChainVerifier.verify(connection);
            if (v.intact()) {
                System.out.println("INTACT: " + v.chained() + " events chained; head hash " + v.headHash()
                        + (v.unchainedEvents() > 0 ? "; " + v.unchainedEvents() + " newest events not chained yet" : ""));
                System.exit(0);
            }
            System.out.println("BROKEN at chain position " + v.brokenAtPosition() + " (global index "
                    + v.brokenAtGlobalIndex() + "): " + v.reason() + ". The first " + v.chained()
                    + " events are intact, up to hash " + v.headHash() + ".");
            System.exit(1);
        } catch (Exception e) {
            System.err.println("Could not verify the log at " + url + ": " + e.getMessage());
            System.exit(2);
        }
    }
}

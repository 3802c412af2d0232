package org.congressvote.infra;

/**
 * Runs {@link EmbeddedPostgresServer} as its own process.
 *
 * <pre>java -cp CP org.congressvote.infra.PostgresMain --port 15432 --data-dir DIR [--exit-on-stdin-eof]</pre>
 * Prints {@code READY postgres JDBC-URL}; a fast, clean PostgreSQL shutdown on SIGTERM / Ctrl-C.
 */
public final class PostgresMain {

    static final String READY = "READY postgres ";
    private static final String USAGE = "PostgresMain --port PORT --data-dir DIR [--exit-on-stdin-eof]";

    private PostgresMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        MainArgs options = MainArgs.parse(args, USAGE);
        EmbeddedPostgresServer postgres =
                EmbeddedPostgresServer.start(options.path("--data-dir", USAGE), options.port("--port", USAGE));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            postgres.close();
            System.out.println("PostgreSQL stopped");
        }, "postgres-stopper"));
        options.startStdinWatchdogIfAsked();
        System.out.println(READY + postgres.jdbcUrl() + " postmaster-pid=" + postgres.postmasterPid());
        MainArgs.awaitForever();
    }
}

package org.congressvote.infra;

import java.nio.file.Path;

/**
 * Runs {@link EmbeddedPostgresServer} as its own process.
 *
 * <pre>java -cp CP org.congressvote.infra.PostgresMain --port 15432 --data-dir DIR [--log-file FILE]
 *      [--exit-on-stdin-eof]</pre>
 * Prints {@code READY postgres JDBC-URL}; a fast, clean PostgreSQL shutdown on SIGTERM / Ctrl-C.
 */
public final class PostgresMain {

    static final String READY = "READY postgres ";
    private static final String USAGE =
            "PostgresMain --port PORT --data-dir DIR [--log-file FILE]" + " [--exit-on-stdin-eof]";

    private PostgresMain() {}

    public static void main(String[] args) throws InterruptedException {
        MainArgs options = MainArgs.parse(args, USAGE);
        Path dataDir = options.path("--data-dir", USAGE);
        Path logFile = options.all("--log-file").isEmpty()
                ? dataDir.resolveSibling(dataDir.getFileName() + ".log")
                : options.path("--log-file", USAGE);
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dataDir, options.port("--port", USAGE), logFile);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            postgres.close();
                            System.out.println("PostgreSQL stopped");
                        },
                        "postgres-stopper"));
        options.startStdinWatchdogIfAsked();
        System.out.println(READY + postgres.jdbcUrl() + " postmaster-pid=" + postgres.postmasterPid());
        MainArgs.awaitForever();
    }
}

package org.congressvote.infra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs {@link EmbeddedPostgresServer} as its own process.
 *
 * <pre>java -cp CP org.congressvote.infra.PostgresMain --port 15432 --data-dir DIR [--log-file FILE]
 *      [--exit-on-stdin-eof]</pre>
 * Prints {@code READY postgres JDBC-URL}; a fast, clean PostgreSQL shutdown on SIGTERM / Ctrl-C. Exits with status
 * {@value #POSTMASTER_GONE} when the postmaster dies under it, and on start stops a postmaster a killed launcher left
 * running on the same folder, so that a supervisor restarting it heals either crash.
 */
public final class PostgresMain {

    static final String READY = "READY postgres ";
    /** The exit status when the postmaster died under us (kill -9, OOM killer). */
    static final int POSTMASTER_GONE = 3;

    private static final Duration POSTMASTER_CHECK = Duration.ofMillis(500);
    private static final String USAGE =
            "PostgresMain --port PORT --data-dir DIR [--log-file FILE]" + " [--exit-on-stdin-eof]";

    private PostgresMain() {}

    public static void main(String[] args) throws InterruptedException {
        MainArgs options = MainArgs.parse(args, USAGE);
        Path dataDir = options.path("--data-dir", USAGE);
        Path logFile = options.all("--log-file").isEmpty()
                ? dataDir.resolveSibling(dataDir.getFileName() + ".log")
                : options.path("--log-file", USAGE);
        // a postmaster left running by a launcher killed with -9 is ours to stop: this folder has one launcher
        EmbeddedPostgresServer postgres =
                EmbeddedPostgresServer.start(dataDir, options.port("--port", USAGE), logFile, true);
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stopping.set(true);
                            postgres.close();
                            System.out.println("PostgreSQL stopped");
                        },
                        "postgres-stopper"));
        options.startStdinWatchdogIfAsked();
        long postmaster = postgres.postmasterPid();
        System.out.println(READY + postgres.jdbcUrl() + " postmaster-pid=" + postmaster);
        // A launcher whose server died must die too, so that a supervisor (run-local.sh, systemd) sees it and restarts
        // it; otherwise it would sit there reporting nothing while the database is gone.
        while (true) {
            Thread.sleep(POSTMASTER_CHECK.toMillis());
            if (!stopping.get() && !Processes.alive(postmaster)) {
                System.out.println("PostgreSQL's postmaster (pid " + postmaster + ") is gone; exiting with status "
                        + POSTMASTER_GONE + " so that it is started again");
                System.out.flush();
                Runtime.getRuntime().halt(POSTMASTER_GONE); // nothing to stop: the hook would only wait on pg_ctl
            }
        }
    }
}

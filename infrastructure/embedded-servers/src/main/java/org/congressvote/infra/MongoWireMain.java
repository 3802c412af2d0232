package org.congressvote.infra;

/**
 * Runs {@link MongoWireServer} as its own process.
 *
 * <pre>java -cp CP org.congressvote.infra.MongoWireMain --port 27018 --data-dir DIR [--exit-on-stdin-eof]</pre>
 * Prints {@code READY mongo mongodb://127.0.0.1:PORT}; stops cleanly on SIGTERM / Ctrl-C.
 */
public final class MongoWireMain {

    static final String READY = "READY mongo ";
    private static final String USAGE = "MongoWireMain --port PORT --data-dir DIR [--exit-on-stdin-eof]";

    private MongoWireMain() {}

    public static void main(String[] args) throws InterruptedException {
        MainArgs options = MainArgs.parse(args, USAGE);
        MongoWireServer mongo = MongoWireServer.start(options.path("--data-dir", USAGE), options.port("--port", USAGE));
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            mongo.close();
                            System.out.println("MongoDB-wire server stopped");
                        },
                        "mongo-stopper"));
        options.startStdinWatchdogIfAsked();
        System.out.println(READY + mongo.connectionString());
        MainArgs.awaitForever();
    }
}

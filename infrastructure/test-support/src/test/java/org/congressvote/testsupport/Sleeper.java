package org.congressvote.testsupport;

/** A server main for {@link ServiceJvmTest}: says READY with its arguments and environment, then waits to be stopped. */
public final class Sleeper {

    private Sleeper() {}

    public static void main(String[] args) throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("shutdown hook ran")));
        System.out.println("READY sleeper " + String.join(" ", args) + " " + System.getenv("SLEEPER_NAME") + " in "
                + System.getProperty("user.dir"));
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}

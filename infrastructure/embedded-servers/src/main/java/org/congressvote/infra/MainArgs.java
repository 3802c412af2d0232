package org.congressvote.infra;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Command-line options of the server mains: {@code --name value} pairs and {@code --exit-on-stdin-eof}. */
final class MainArgs {

    static final String EXIT_ON_STDIN_EOF = "--exit-on-stdin-eof";

    private final Map<String, List<String>> values = new HashMap<>();
    private boolean exitOnStdinEof;

    private MainArgs() {}

    static MainArgs parse(String[] args, String usage) {
        MainArgs parsed = new MainArgs();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals(EXIT_ON_STDIN_EOF)) {
                parsed.exitOnStdinEof = true;
            } else if (arg.startsWith("--") && i + 1 < args.length) {
                parsed.values.computeIfAbsent(arg, k -> new ArrayList<>()).add(args[++i]);
            } else {
                throw new IllegalArgumentException("Unexpected argument '" + arg + "'. Usage: " + usage);
            }
        }
        return parsed;
    }

    String required(String name, String usage) {
        List<String> given = values.get(name);
        if (given == null) {
            throw new IllegalArgumentException("Missing " + name + ". Usage: " + usage);
        }
        return given.get(given.size() - 1);
    }

    int port(String name, String usage) {
        return Integer.parseInt(required(name, usage));
    }

    Path path(String name, String usage) {
        return Path.of(required(name, usage)).toAbsolutePath();
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    /**
     * With {@code --exit-on-stdin-eof}, exits (running the shutdown hooks) once standard input closes: a parent that
     * keeps our stdin open takes us down with it even when it is killed with -9.
     */
    void startStdinWatchdogIfAsked() {
        if (!exitOnStdinEof) {
            return;
        }
        Thread watchdog = new Thread(
                () -> {
                    try (InputStream in = System.in) {
                        byte[] buffer = new byte[256];
                        while (in.read(buffer) >= 0) {
                            // the parent never writes; we only wait for end of file
                        }
                    } catch (IOException e) {
                        // a broken pipe means the parent is gone as surely as end of file does
                    }
                    System.out.println("Standard input closed: parent gone, shutting down");
                    System.exit(0);
                },
                "stdin-eof-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    static void awaitForever() throws InterruptedException {
        Thread.currentThread().join();
    }
}

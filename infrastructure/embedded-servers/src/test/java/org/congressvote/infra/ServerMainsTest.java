package org.congressvote.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mains run-local.sh starts: each announces READY, and goes away cleanly when told or orphaned. */
class ServerMainsTest {

    @TempDir
    Path tempDir;

    @Test
    void mongoWireMainExitsWhenItsParentClosesItsStandardInput() throws Exception {
        Process mongo = launch(
                MongoWireMain.class, "--port", "0", "--data-dir", tempDir.toString(), MainArgs.EXIT_ON_STDIN_EOF);
        try {
            assertThat(awaitReadyLine(mongo)).startsWith("READY mongo mongodb://127.0.0.1:");

            mongo.getOutputStream().close();

            assertThat(mongo.waitFor(20, TimeUnit.SECONDS))
                    .as("exited after stdin EOF")
                    .isTrue();
            // a clean shutdown released the store: this JVM can open it
            MongoWireServer.start(tempDir, 0).close();
        } finally {
            mongo.destroyForcibly();
        }
    }

    @Test
    void postgresMainStopsPostgresOnSigterm() throws Exception {
        Process postgres = launch(
                PostgresMain.class,
                "--port",
                "0",
                "--data-dir",
                tempDir.resolve("pg").toString());
        try {
            String ready = awaitReadyLine(postgres);
            assertThat(ready)
                    .matches("READY postgres jdbc:postgresql://127\\.0\\.0\\.1:\\d+/congress postmaster-pid=\\d+");
            long postmaster = Long.parseLong(ready.substring(ready.indexOf("postmaster-pid=") + 15));
            assertThat(Processes.alive(postmaster)).isTrue();

            postgres.destroy();

            assertThat(postgres.waitFor(30, TimeUnit.SECONDS))
                    .as("PostgresMain exited")
                    .isTrue();
            assertThat(Processes.alive(postmaster))
                    .as("postmaster stopped with it")
                    .isFalse();
        } finally {
            postgres.destroyForcibly();
        }
    }

    private static Process launch(Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static String awaitReadyLine(Process process) throws IOException {
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("READY ")) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> {}));
                drain.setDaemon(true);
                drain.start();
                return line;
            }
            seen.add(line);
        }
        throw new AssertionError("No READY line; output was:\n" + String.join("\n", seen));
    }
}

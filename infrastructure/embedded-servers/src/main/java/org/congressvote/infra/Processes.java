package org.congressvote.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/** Process liveness that does not mistake a zombie (killed, not yet reaped by its adoptive parent) for a server. */
final class Processes {

    private Processes() {}

    static boolean alive(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.isDirectory(Path.of("/proc/self"))) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
        try {
            String line = Files.readString(stat);
            int end = line.lastIndexOf(')');
            char state = end >= 0 && end + 2 < line.length() ? line.charAt(end + 2) : '?';
            return state != 'Z' && state != 'X';
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }

    /** Waits until the process is gone; returns whether it is. */
    static boolean awaitExit(long pid, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (alive(pid)) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            sleep(Duration.ofMillis(50));
        }
        return true;
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}

package org.congressvote.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresBinariesTest {

    @TempDir
    Path folder;

    @Test
    void aFolderLeftHalfExtractedIsReplacedByACompleteOne() throws IOException {
        PostgresBinaries.prepare(folder);
        Path pgDir = onlyExtraction();
        assertThat(PostgresBinaries.isReady(pgDir)).isTrue();
        assertThat(Files.isExecutable(pgDir.resolve("bin/postgres"))).isTrue();
        assertThat(Files.isSymbolicLink(pgDir.resolve("lib/libpq.so"))).isTrue();

        // what an out-of-memory half-way through zonky's own extraction leaves: links, some files, no mark
        Files.delete(pgDir.resolve(".exists"));
        Files.delete(pgDir.resolve("bin/postgres"));
        assertThat(PostgresBinaries.isReady(pgDir)).isFalse();

        PostgresBinaries.prepare(folder);

        assertThat(onlyExtraction()).isEqualTo(pgDir);
        assertThat(PostgresBinaries.isReady(pgDir)).isTrue();
        assertThat(Files.isExecutable(pgDir.resolve("bin/postgres"))).isTrue();
        try (Stream<Path> leftovers = Files.list(folder)) {
            assertThat(leftovers.map(p -> p.getFileName().toString()))
                    .as("no staging or trash folder stays behind")
                    .allMatch(name -> name.equals(pgDir.getFileName().toString()) || name.endsWith(".lock"));
        }
    }

    private Path onlyExtraction() throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isDirectory)
                    .reduce((a, b) -> {
                        throw new AssertionError("more than one folder: " + a + ", " + b);
                    })
                    .orElseThrow();
        }
    }
}

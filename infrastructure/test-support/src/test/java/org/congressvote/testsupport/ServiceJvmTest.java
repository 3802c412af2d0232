package org.congressvote.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceJvmTest {

    @TempDir
    Path dir;

    private ServiceJvm sleeper() {
        return ServiceJvm.main("sleeper", System.getProperty("java.class.path"), Sleeper.class.getName())
                .jvmOptions(List.of("-Xmx32m"))
                .args(List.of("--one", "two"))
                .env(Map.of("SLEEPER_NAME", "s1"))
                .dataDir(dir.resolve("data"))
                .log(dir.resolve("logs/sleeper.log"));
    }

    @Test
    void startsWithItsArgumentsEnvironmentAndFolderAndStopsWithSigtermSoItsShutdownHooksRun() throws Exception {
        ServiceJvm jvm = sleeper().start();
        try {
            jvm.awaitLine("READY sleeper", Duration.ofSeconds(60));
            long pid = jvm.pid();
            assertThat(ProcessHandle.of(pid)).isPresent();
            assertThat(jvm.logLines("READY", 1))
                    .singleElement()
                    .isEqualTo("READY sleeper --one two s1 in " + dir.resolve("data"));
        } finally {
            jvm.close();
        }
        assertThat(jvm.isAlive()).isFalse();
        assertThat(Files.readString(dir.resolve("logs/sleeper.log"))).contains("shutdown hook ran");
    }

    @Test
    void aKillIsAKillAndTheNextStartAppendsToTheSameLog() throws Exception {
        ServiceJvm jvm = sleeper().start();
        try {
            jvm.awaitLine("READY sleeper", Duration.ofSeconds(60));
            long first = jvm.pid();
            jvm.kill();
            assertThat(ProcessHandle.of(first).map(ProcessHandle::isAlive).orElse(false))
                    .isFalse();
            assertThat(jvm.logLines("shutdown hook ran", 5)).isEmpty();

            jvm.start();
            assertThat(jvm.pid()).isNotEqualTo(first);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (jvm.logLines("READY sleeper", 5).size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(jvm.logLines("READY sleeper", 5)).hasSize(2);
            assertThat(jvm.logLines("===== start", 5)).hasSize(2);
        } finally {
            jvm.close();
        }
    }

    @Test
    void aServiceWithoutItsJarSaysHowToBuildIt() {
        ServiceJvm service = ServiceJvm.jar("command-service", ServiceJvm.jarOf("congress.noSuchJar"));
        assertThat(service.baseUrl()).isEqualTo("http://127.0.0.1:" + service.port());
        assertThatThrownBy(service::start).hasMessageContaining("build the services first");
    }
}

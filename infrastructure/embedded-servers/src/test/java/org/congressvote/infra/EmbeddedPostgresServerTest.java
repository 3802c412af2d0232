package org.congressvote.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerTest {

    @TempDir
    Path tempDir;

    @Test
    void durabilityIsTurnedBackOnAndTheCongressDatabaseExists() throws SQLException {
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(tempDir.resolve("pg"), 0)) {
            assertThat(postgres.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/congress");
            try (Connection connection = postgres.connect()) {
                assertThat(show(connection, "fsync")).isEqualTo("on");
                assertThat(show(connection, "synchronous_commit")).isEqualTo("on");
                assertThat(show(connection, "full_page_writes")).isEqualTo("on");
                assertThat(show(connection, "max_connections")).isEqualTo("200");
                assertThat(query(connection, "SELECT current_database()")).isEqualTo("congress");
            }
        }
    }

    @Test
    void committedRowsSurviveAStopAndAStartOnTheSameFolder() throws SQLException {
        Path dataDir = tempDir.resolve("pg");
        int port;
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dataDir, 0)) {
            port = postgres.port();
            execute(postgres, "CREATE TABLE vote (id INT PRIMARY KEY)", "INSERT INTO vote VALUES (1), (2), (3)");
        }
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dataDir, port)) {
            assertThat(count(postgres)).isEqualTo(3);
            postgres.restart();
            assertThat(count(postgres)).isEqualTo(3);
        }
    }

    @Test
    void committedRowsSurviveAKillOfThePostmaster() throws SQLException {
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(tempDir.resolve("pg"), 0)) {
            execute(postgres, "CREATE TABLE vote (id INT PRIMARY KEY)");
            try (Connection connection = postgres.connect();
                    Statement statement = connection.createStatement()) {
                for (int i = 1; i <= 500; i++) {
                    statement.execute("INSERT INTO vote VALUES (" + i + ")"); // autocommit: one commit per row
                }
            }
            long killed = postgres.postmasterPid();

            postgres.killPostmaster();
            assertThat(postgres.isRunning()).isFalse();
            postgres.restart();

            assertThat(postgres.postmasterPid()).isNotEqualTo(killed);
            assertThat(count(postgres)).isEqualTo(500);
        }
    }

    private static long count(EmbeddedPostgresServer postgres) throws SQLException {
        try (Connection connection = postgres.connect()) {
            return Long.parseLong(query(connection, "SELECT count(*) FROM vote"));
        }
    }

    private static void execute(EmbeddedPostgresServer postgres, String... sql) throws SQLException {
        try (Connection connection = postgres.connect();
                Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        }
    }

    private static String show(Connection connection, String setting) throws SQLException {
        return query(connection, "SHOW " + setting);
    }

    private static String query(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}

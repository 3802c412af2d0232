package org.congressvote.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: no SQL over the event table's JSON outside the event store. The payload is decoded by the event store's
 * serializer and upcasters ({@code command.eventstore.StoredEvents}); read models are projections. This fails when
 * main code of any service reads the payload's JSON in SQL again (convert_from of a payload, or a payload cast to
 * json), except in the event-store package.
 */
class NoJsonSqlOutsideTheEventStoreTest {

    /** convert_from(payload / convert_from(e.payload, and payload::json(b), in any case and spacing. */
    static final Pattern JSON_SQL = Pattern.compile(
            "convert_from\\s*\\(\\s*(\\w+\\.)?payload\\b|\\bpayload\\s*::\\s*jsonb?\\b", Pattern.CASE_INSENSITIVE);

    private static final String ALLOWED = "org/congressvote/command/eventstore/";

    @Test
    void theRuleCatchesTheFormsItForbids() {
        assertThat(JSON_SQL.matcher("SELECT convert_from(payload, 'UTF8')::json ->> 'choice'")
                        .find())
                .isTrue();
        assertThat(JSON_SQL.matcher("convert_from( e.payload ,'UTF8')").find()).isTrue();
        assertThat(JSON_SQL.matcher("CONVERT_FROM(PAYLOAD, 'UTF8')").find()).isTrue();
        assertThat(JSON_SQL.matcher("WHERE payload::jsonb @> ?").find()).isTrue();
        assertThat(JSON_SQL.matcher("SELECT payload, metadata FROM domainevententry")
                        .find())
                .isFalse();
    }

    @Test
    void noMainCodeReadsThePayloadsJsonInSqlOutsideTheEventStore() throws IOException {
        Path services = Path.of("..").toAbsolutePath().normalize();
        assertThat(services.resolve("command-service/src/main/java")).isDirectory();
        List<String> offenders;
        try (Stream<Path> files = Files.walk(services)) {
            offenders = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> f.toString().replace('\\', '/').contains("/src/main/java/"))
                    .filter(f -> !f.toString().replace('\\', '/').contains(ALLOWED))
                    .filter(NoJsonSqlOutsideTheEventStoreTest::readsJsonInSql)
                    .map(f -> services.relativize(f).toString())
                    .toList();
        }
        assertThat(offenders)
                .as("read the event with StoredEvents or keep a projection (docs/architecture.md), not JSON in SQL")
                .isEmpty();
    }

    private static boolean readsJsonInSql(Path file) {
        try {
            return JSON_SQL.matcher(Files.readString(file)).find();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

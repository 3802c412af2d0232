package org.congressvote.command.election;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.congressvote.api.election.ReceiptCode;
import org.congressvote.api.election.SealedBallots;
import org.congressvote.command.RealServersTest;
import org.congressvote.command.TestApi;
import org.congressvote.infra.EmbeddedPostgresServer;
import org.congressvote.infra.RealServers;
import org.congressvote.testsupport.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.PGConnection;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.ConnectionCallback;

/**
 * What an insider with the database server reads during and after a sealed round: a dump of every table (pg_dump when
 * the machine has one, else {@code COPY ... TO STDOUT} of every table, which is what pg_dump runs), the heap files of
 * every relation, the WAL written since the round opened, and the PostgreSQL and service logs. Every delegate casts
 * a distinct ballot in a random order known to the test, which can therefore tell whether anything an insider holds
 * puts a ballot's content in clear, or links it to its delegate better than chance. The known, accepted link (a box
 * row shares its transaction with its delegate's participation) is measured and printed: it reaches a ciphertext.
 */
@ExtendWith(OutputCaptureExtension.class)
class BallotBoxForensicsIntegrationTest extends RealServersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DELEGATES = 32;
    /** Chance gives about one pair of neighbours in order; 7 or more happen with probability below 10^-4. */
    private static final int NEIGHBOURS_BY_CHANCE = 6;
    /** |rho| of two unrelated orders of 32 has a standard deviation of 0.18: 0.7 is about 4 of them. */
    private static final double RHO_BY_CHANCE = 0.7;

    @Test
    void anInsiderWithTheDatabaseFilesReadsNoBallotAndLinksNoneToItsDelegate(CapturedOutput output) throws Exception {
        TestApi api = api();
        String tag = UUID.randomUUID().toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT);
        String congress = "forensic-" + tag.toLowerCase(java.util.Locale.ROOT);
        api.convene(congress, DELEGATES);
        String election = congress + "-bch";
        api.post(
                "/api/congresses/" + congress + "/elections",
                "{\"electionId\":\"" + election + "\",\"title\":\"Bầu BCH\",\"seats\":3}");
        List<String> candidates = new ArrayList<>();
        List<String> names = new ArrayList<>();
        StringBuilder list = new StringBuilder();
        for (String c : List.of("AN", "BINH", "CUONG", "DUNG", "GIANG", "HUONG", "KHANH")) {
            String id = "FX" + tag + "-" + c;
            String name = "Nguyễn Văn " + c + " " + tag;
            candidates.add(id);
            names.add(name);
            list.append(list.length() == 0 ? "" : ",")
                    .append("{\"candidateId\":\"")
                    .append(id)
                    .append("\",\"fullName\":\"")
                    .append(name)
                    .append("\"}");
        }
        api.post("/api/elections/" + election + "/rounds", "{\"candidates\":[" + list + "]}");
        String round = election + "-r1";
        // Keep the WAL of the whole round in pg_wal, as an archive or a replica would.
        jdbc.execute("ALTER SYSTEM SET wal_keep_size = '1GB'");
        jdbc.execute("SELECT pg_reload_conf()");
        try {
            api.post("/api/elections/" + election + "/open", "");
            String walFrom = jdbc.queryForObject("SELECT pg_current_wal_lsn()::text", String.class);
            Dump baseline = dump();

            // Each delegate keeps a distinct set of 2 or 3 names; they vote in an order known only to this test.
            List<List<String>> patterns = patterns(candidates);
            List<Integer> castingOrder = new ArrayList<>();
            for (int d = 1; d <= DELEGATES; d++) {
                castingOrder.add(d);
            }
            Collections.shuffle(castingOrder, new Random());
            Map<Integer, List<String>> keptBy = new HashMap<>();
            Map<String, Integer> delegateOfReceiptHash = new HashMap<>();
            for (int d : castingOrder) {
                List<String> kept = new ArrayList<>(patterns.get(d - 1));
                Collections.reverse(kept); // as a phone might send them: not in canonical order
                keptBy.put(d, patterns.get(d - 1));
                Answer cast = api.asDelegate(
                        congress,
                        TestApi.delegateId(d),
                        "/api/rounds/" + round + "/ballots",
                        "{\"kept\":" + JSON.writeValueAsString(kept) + "}");
                assertThat(cast.statusCode()).as(cast.body()).isEqualTo(201);
                delegateOfReceiptHash.put(
                        ReceiptCode.hash(
                                JSON.readTree(cast.body()).get("receiptCode").asText()),
                        d);
            }
            List<String> forms = clearForms(patterns, true);
            List<String> unpublishedForms = clearForms(patterns, false);
            String marker = "FX" + tag;

            // --- mid-round ---
            Map<String, Long> castXmin = participationXmins(round);
            List<Map<String, Object>> box = jdbc.queryForList(
                    "SELECT ctid::text AS ctid, xmin::text::bigint AS xmin, sealed FROM ballot_box WHERE round_id = ?",
                    round);
            assertThat(box).hasSize(DELEGATES);
            box.sort((a, b) -> Long.compare(heapPlace((String) a.get("ctid")), heapPlace((String) b.get("ctid"))));
            List<byte[]> ciphertexts = new ArrayList<>();
            List<Integer> delegateInHeapOrder = new ArrayList<>();
            int linkedByXmin = 0;
            for (Map<String, Object> row : box) {
                byte[] sealed = (byte[]) row.get("sealed");
                ciphertexts.add(sealed);
                int d = delegateOfReceiptHash.get(SealedBallots.receiptHash(sealed));
                delegateInHeapOrder.add(d);
                if (row.get("xmin").equals(castXmin.get(TestApi.delegateId(d)))) {
                    linkedByXmin++;
                }
            }
            Dump midRound = dump();
            for (String word : concat(candidates, names)) {
                assertThat(midRound.count(word))
                        .as("%s in the %s mid-round: ballot content in clear", word, midRound.how())
                        .isEqualTo(baseline.count(word));
            }
            String walMidRound = wal(walFrom);
            jdbc.execute("CHECKPOINT");
            String heapMidRound = heapFilesNear(marker);
            Path boxFile = RealServers.postgres()
                    .dataDir()
                    .resolve(jdbc.queryForObject("SELECT pg_relation_filepath('ballot_box')", String.class));
            int ciphertextsInBoxFile = countPresent(latin1(Files.readAllBytes(boxFile)), ciphertexts);
            String walNearMidRound = near(walMidRound, marker);
            for (String form : forms) {
                assertThat(walNearMidRound)
                        .as("a ballot in clear in the WAL (%s)", printable(form))
                        .doesNotContain(form);
                assertThat(heapMidRound)
                        .as("a ballot in clear in a heap file (%s)", printable(form))
                        .doesNotContain(form);
            }
            int ciphertextsInWal = countPresent(walMidRound, ciphertexts);

            // --- the close (the server holds the demo committee's share) ---
            api.post("/api/elections/" + election + "/close", "");
            JsonNode closed = payload(election, "RoundClosedEvent");
            JsonNode opened = payload(election, "BallotBoxOpenedEvent");
            Map<String, Integer> delegateOfContent = new HashMap<>();
            keptBy.forEach((d, kept) -> delegateOfContent.put(String.join("+", kept), d));
            List<Integer> delegateInReleaseOrder = new ArrayList<>();
            closed.get("ballots").forEach(b -> {
                List<String> kept = new ArrayList<>();
                b.get("kept").forEach(k -> kept.add(k.asText()));
                assertThat(kept).as("names in canonical order").isSorted();
                delegateInReleaseOrder.add(delegateOfContent.get(String.join("+", kept)));
            });
            assertThat(delegateInReleaseOrder)
                    .as("every ballot released as cast")
                    .doesNotContainNull()
                    .containsExactlyInAnyOrderElementsOf(castingOrder);
            List<Integer> delegateInReceiptOrder = new ArrayList<>();
            opened.get("countedReceipts")
                    .forEach(r -> delegateInReceiptOrder.add(delegateOfReceiptHash.get(r.asText())));
            assertThat(delegateInReceiptOrder).doesNotContainNull().hasSize(DELEGATES);

            Dump afterClose = dump();
            for (String word : concat(candidates, names)) {
                // the published result names each candidate; nothing else may have gained a mention
                int published = occurrences(closed.toString(), word);
                assertThat(afterClose.count(word) - published)
                        .as("%s in the %s after the close, outside the published result", word, afterClose.how())
                        .isLessThanOrEqualTo(baseline.count(word));
            }
            String walAfterClose = near(wal(walFrom), marker);
            jdbc.execute("CHECKPOINT");
            String heapAfterClose = heapFilesNear(marker);
            // the vacuum may have given the table a new file
            boxFile = RealServers.postgres()
                    .dataDir()
                    .resolve(jdbc.queryForObject("SELECT pg_relation_filepath('ballot_box')", String.class));
            List<Tuple> deadBoxTuples = tuples(Files.readAllBytes(boxFile));
            String pgLog = Files.exists(RealServers.postgres().logFile())
                    ? Files.readString(RealServers.postgres().logFile(), StandardCharsets.ISO_8859_1)
                    : "";
            // Controls: the same readings find what is stored in the clear or as it was written.
            assertThat(ciphertextsInWal)
                    .as("ciphertexts the WAL reading finds mid-round")
                    .isGreaterThan(DELEGATES / 2);
            // (The closing event is larger than 2 kB: PostgreSQL compresses it in the heap and the WAL, so only the
            // dump reads it in clear; a ballot in clear would have to be in a table, which the dump reads.)
            assertThat(ciphertextsInBoxFile)
                    .as("ciphertexts in the box's file mid-round")
                    .isEqualTo(DELEGATES);
            for (String id : candidates) {
                assertThat(heapMidRound).as("the candidate list on disk").contains(id);
            }
            assertThat(afterClose.count(candidates.get(0))).isGreaterThan(baseline.count(candidates.get(0)));
            // The released contents are JSON arrays in the closing event: every other form stays absent.
            for (String form : unpublishedForms) {
                assertThat(walAfterClose)
                        .as("a ballot in clear in the WAL after the close (%s)", printable(form))
                        .doesNotContain(form);
                assertThat(heapAfterClose)
                        .as("a ballot in clear in a heap file after the close (%s)", printable(form))
                        .doesNotContain(form);
            }
            for (String form : forms) {
                assertThat(pgLog).as("the PostgreSQL log holds a ballot").doesNotContain(form);
                assertThat(output.getAll())
                        .as("the service's output holds a ballot")
                        .doesNotContain(form);
            }

            // --- linkage: what an insider can put side by side with the released contents ---
            Linkage releaseVsCasting = Linkage.of(castingOrder, delegateInReleaseOrder);
            Linkage releaseVsHeap = Linkage.of(delegateInHeapOrder, delegateInReleaseOrder);
            Linkage releaseVsReceipts = Linkage.of(delegateInReceiptOrder, delegateInReleaseOrder);
            Linkage heapVsCasting = Linkage.of(castingOrder, delegateInHeapOrder);
            int deadLinked = 0;
            int deadWithCiphertext = 0;
            int ciphertextsLeftInBoxFile = countPresent(latin1(Files.readAllBytes(boxFile)), ciphertexts);
            Set<Long> xmins = new HashSet<>(castXmin.values());
            for (Tuple t : deadBoxTuples) {
                if (countPresent(latin1(t.data()), ciphertexts) > 0) {
                    deadWithCiphertext++;
                    if (xmins.contains(t.xmin())) {
                        deadLinked++;
                    }
                }
            }
            System.out.printf(
                    "insider figures (%d ballots, dump by %s): box rows sharing their transaction with a "
                            + "participation %d; box heap order vs casting %s; ciphertexts in the WAL mid-round %d; "
                            + "after the close and its vacuum: box tuples holding a ciphertext %d, of which linked "
                            + "by xmin %d, ciphertexts left in the box's file %d; "
                            + "released contents vs casting %s, vs box heap order %s, vs published receipts %s%n",
                    DELEGATES,
                    midRound.how(),
                    linkedByXmin,
                    heapVsCasting,
                    ciphertextsInWal,
                    deadWithCiphertext,
                    deadLinked,
                    ciphertextsLeftInBoxFile,
                    releaseVsCasting,
                    releaseVsHeap,
                    releaseVsReceipts);
            assertThat(deadWithCiphertext)
                    .as("dead box rows with their transaction ids after the close")
                    .isZero();
            for (Linkage released : List.of(releaseVsCasting, releaseVsHeap, releaseVsReceipts)) {
                assertThat(released.neighbours())
                        .as("released ballots following another order: %s", released)
                        .isLessThanOrEqualTo(NEIGHBOURS_BY_CHANCE);
                assertThat(Math.abs(released.rho()))
                        .as("released ballots correlated with another order: %s", released)
                        .isLessThan(RHO_BY_CHANCE);
            }
        } finally {
            jdbc.execute("ALTER SYSTEM RESET wal_keep_size");
            jdbc.execute("SELECT pg_reload_conf()");
        }
    }

    /** A dump of every table, bytea values decoded to text the way an insider would read them. */
    record Dump(String text, String how) {
        int count(String word) {
            return occurrences(text, word);
        }
    }

    private Dump dump() throws Exception {
        Optional<Path> pgDump = pgDump();
        String raw;
        String how;
        if (pgDump.isPresent()) {
            EmbeddedPostgresServer pg = RealServers.postgres();
            Process p = new ProcessBuilder(
                            pgDump.get().toString(),
                            "-h",
                            "127.0.0.1",
                            "-p",
                            String.valueOf(pg.port()),
                            "-U",
                            EmbeddedPostgresServer.USER,
                            "--data-only",
                            EmbeddedPostgresServer.DATABASE)
                    .redirectErrorStream(true)
                    .start();
            raw = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(raw).isZero();
            how = "pg_dump " + pgDump.get();
        } else {
            raw = jdbc.execute((ConnectionCallback<String>) this::copyEveryTable);
            how = "COPY of every table";
        }
        return new Dump(decodeBytea(raw), how);
    }

    private String copyEveryTable(Connection connection) {
        try {
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (String table : jdbc.queryForList(
                    "SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) "
                            + "FROM information_schema.tables WHERE table_type = 'BASE TABLE' "
                            + "AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1",
                    String.class)) {
                out.write(("COPY " + table + "\n").getBytes(StandardCharsets.UTF_8));
                copy.copyOut("COPY " + table + " TO STDOUT", out);
            }
            return out.toString(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** pg_dump of the server's major version or newer, if this machine has one (zonky's binaries do not). */
    private Optional<Path> pgDump() {
        int server = jdbc.queryForObject("SHOW server_version_num", Integer.class) / 10000;
        List<Path> found = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            found.add(Path.of(dir.isEmpty() ? "." : dir, "pg_dump"));
        }
        try (Stream<Path> versions = Files.exists(Path.of("/usr/lib/postgresql"))
                ? Files.list(Path.of("/usr/lib/postgresql"))
                : Stream.empty()) {
            versions.map(v -> v.resolve("bin/pg_dump")).forEach(found::add);
        } catch (IOException e) {
            // none there
        }
        for (Path candidate : found) {
            if (Files.isExecutable(candidate) && majorVersion(candidate) >= server) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static int majorVersion(Path pgDump) {
        try {
            Process p = new ProcessBuilder(pgDump.toString(), "--version")
                    .redirectErrorStream(true)
                    .start();
            String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            Matcher m = Pattern.compile("(\\d+)\\.").matcher(version);
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException | InterruptedException e) {
            return 0;
        }
    }

    private static final Pattern BYTEA = Pattern.compile("\\\\\\\\x([0-9a-f]+)");

    /** pg_dump and COPY print bytea as {@code \\x<hex>}: the event payloads are JSON in there. */
    private static String decodeBytea(String raw) {
        Matcher m = BYTEA.matcher(raw);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(new String(hex(m.group(1)), StandardCharsets.UTF_8)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static byte[] hex(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }

    /** The bytes of the WAL from {@code fromLsn} to the current insert position, read from the files in pg_wal. */
    private String wal(String fromLsn) throws IOException {
        String toLsn = jdbc.queryForObject("SELECT pg_current_wal_flush_lsn()::text", String.class);
        long segment = jdbc.queryForObject(
                "SELECT setting::bigint * (CASE unit WHEN 'B' THEN 1 WHEN 'kB' THEN 1024 WHEN 'MB' THEN 1048576 END) "
                        + "FROM pg_settings WHERE name = 'wal_segment_size'",
                Long.class);
        String timeline = jdbc.queryForObject("SELECT pg_walfile_name(pg_current_wal_lsn())", String.class)
                .substring(0, 8);
        long from = lsn(fromLsn);
        long to = lsn(toLsn);
        long perId = 0x100000000L / segment;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path pgWal = RealServers.postgres().dataDir().resolve("pg_wal");
        for (long seg = from / segment; seg <= to / segment; seg++) {
            Path file = pgWal.resolve(timeline + String.format("%08X%08X", seg / perId, seg % perId));
            byte[] bytes = Files.readAllBytes(file);
            int start = seg == from / segment ? (int) (from % segment) : 0;
            int end = seg == to / segment ? (int) (to % segment) : bytes.length;
            out.write(bytes, start, end - start);
        }
        return latin1(out.toByteArray());
    }

    private static long lsn(String text) {
        String[] parts = text.split("/");
        return (Long.parseLong(parts[0], 16) << 32) | Long.parseLong(parts[1], 16);
    }

    /**
     * Every file of every table, index and TOAST relation of the database, as on disk, cut down to what lies around
     * each mention of {@code marker} (every candidate id of the round starts with it, so a ballot in clear does).
     */
    private String heapFilesNear(String marker) throws IOException {
        Path data = RealServers.postgres().dataDir();
        StringBuilder out = new StringBuilder();
        for (String relation : jdbc.queryForList(
                "SELECT pg_relation_filepath(oid) FROM pg_class WHERE relkind IN ('r', 't', 'i', 'm') "
                        + "AND pg_relation_filepath(oid) IS NOT NULL",
                String.class)) {
            for (int segment = 0; ; segment++) {
                Path file = data.resolve(segment == 0 ? relation : relation + "." + segment);
                if (!Files.exists(file)) {
                    break;
                }
                out.append(near(latin1(Files.readAllBytes(file)), marker));
            }
        }
        return out.toString();
    }

    /** The stretches of {@code bytes} around each mention of {@code marker}, long enough for a ballot of 3 names. */
    private static String near(String bytes, String marker) {
        StringBuilder out = new StringBuilder();
        for (int i = bytes.indexOf(marker); i >= 0; i = bytes.indexOf(marker, i + 1)) {
            out.append(bytes, Math.max(0, i - 8), Math.min(bytes.length(), i + 200))
                    .append("\u0000|\u0000");
        }
        return out.toString();
    }

    /** Bytes as a string of the same length, one char per byte, for fast searching. */
    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    record Tuple(long xmin, byte[] data) {}

    /** Every tuple with storage on the heap pages of a table file, live or dead (PostgreSQL's page layout). */
    private static List<Tuple> tuples(byte[] file) {
        List<Tuple> tuples = new ArrayList<>();
        ByteBuffer buf = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        for (int page = 0; page + 8192 <= file.length; page += 8192) {
            int lower = Short.toUnsignedInt(buf.getShort(page + 12));
            for (int lp = page + 24; lp + 4 <= page + lower; lp += 4) {
                int item = buf.getInt(lp);
                int off = item & 0x7FFF;
                int flags = (item >>> 15) & 0x3;
                int len = item >>> 17;
                if (flags == 1 && off > 0 && off + len <= 8192) {
                    byte[] data = new byte[len];
                    System.arraycopy(file, page + off, data, 0, len);
                    tuples.add(new Tuple(Integer.toUnsignedLong(buf.getInt(page + off)), data));
                }
            }
        }
        return tuples;
    }

    private Map<String, Long> participationXmins(String round) {
        Map<String, Long> xmins = new HashMap<>();
        jdbc.query(
                "SELECT aggregateidentifier, xmin::text::bigint FROM domainevententry WHERE aggregateidentifier LIKE ?",
                rs -> {
                    String id = rs.getString(1);
                    xmins.put(id.substring(id.lastIndexOf(':') + 1), rs.getLong(2));
                },
                "ballot:" + round + ":%");
        return xmins;
    }

    private JsonNode payload(String election, String type) throws Exception {
        return JSON.readTree(jdbc.queryForObject(
                "SELECT convert_from(payload, 'UTF8') FROM domainevententry "
                        + "WHERE aggregateidentifier = ? AND payloadtype LIKE ?",
                String.class,
                election,
                "%." + type));
    }

    /** How an order of delegates relates to another: neighbours kept in order, and Spearman's rank correlation. */
    record Linkage(int neighbours, double rho) {
        static Linkage of(List<Integer> reference, List<Integer> other) {
            Map<Integer, Integer> rank = new HashMap<>();
            for (int i = 0; i < reference.size(); i++) {
                rank.put(reference.get(i), i);
            }
            int n = other.size();
            int neighbours = 0;
            double squares = 0;
            for (int i = 0; i < n; i++) {
                int r = rank.get(other.get(i));
                if (i + 1 < n && rank.get(other.get(i + 1)) == r + 1) {
                    neighbours++;
                }
                squares += (double) (i - r) * (i - r);
            }
            return new Linkage(neighbours, 1 - 6 * squares / (n * ((double) n * n - 1)));
        }

        @Override
        public String toString() {
            return String.format("%d neighbours in order, rho %.2f", neighbours, rho);
        }
    }

    /** Distinct ballots of 2 or 3 names, in canonical (sorted) order. */
    private static List<List<String>> patterns(List<String> candidates) {
        List<String> sorted = candidates.stream().sorted().toList();
        List<List<String>> all = new ArrayList<>();
        for (int mask = 1; mask < 1 << sorted.size(); mask++) {
            int names = Integer.bitCount(mask);
            if (names == 2 || names == 3) {
                List<String> kept = new ArrayList<>();
                for (int b = 0; b < sorted.size(); b++) {
                    if ((mask & (1 << b)) != 0) {
                        kept.add(sorted.get(b));
                    }
                }
                all.add(kept);
            }
        }
        Collections.shuffle(all, new Random(7));
        return all;
    }

    /**
     * The forms a ballot would take in clear: the sealed plaintext (names one a line), a JSON array in either order,
     * a PostgreSQL array, a comma-separated list.
     */
    private static List<String> clearForms(List<List<String>> patterns, boolean withJson) throws Exception {
        List<String> forms = new ArrayList<>();
        for (List<String> kept : patterns.subList(0, DELEGATES)) {
            List<String> reversed = new ArrayList<>(kept);
            Collections.reverse(reversed);
            forms.add(String.join("\n", kept));
            forms.add(String.join(",", kept));
            forms.add(String.join(",", reversed));
            forms.add(String.join("\n", reversed));
            if (withJson) {
                forms.add(JSON.writeValueAsString(kept));
                forms.add(JSON.writeValueAsString(reversed));
            }
        }
        return forms;
    }

    private static long heapPlace(String ctid) {
        String[] parts = ctid.replaceAll("[()]", "").split(",");
        return Long.parseLong(parts[0]) * 1000 + Long.parseLong(parts[1]);
    }

    private static int countPresent(String haystack, List<byte[]> needles) {
        int n = 0;
        for (byte[] needle : needles) {
            if (haystack.contains(latin1(needle))) {
                n++;
            }
        }
        return n;
    }

    private static String printable(String form) {
        return form.replace("\n", "\\n");
    }

    private static int occurrences(String text, String word) {
        int n = 0;
        for (int i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
            n++;
        }
        return n;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}

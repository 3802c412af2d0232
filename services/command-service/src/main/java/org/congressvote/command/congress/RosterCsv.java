package org.congressvote.command.congress;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.congressvote.api.congress.DelegateKind;
import org.congressvote.api.congress.RosterEntry;
import org.congressvote.api.error.InputLimits;
import org.congressvote.api.error.RosterRejected;

/**
 * Reads a roster CSV file: UTF-8, a header line, then one delegate a line:
 * {@code code,full_name,organisation,kind[,date_of_birth[,position]]}. Fields may be quoted ("...", "" inside).
 * Kind is official / alternate (or chinh thuc / du khuyet); dates are yyyy-MM-dd or dd/MM/yyyy. Every line is
 * checked; the file is refused as a whole with every bad line named.
 */
final class RosterCsv {

    private static final DateTimeFormatter VIETNAMESE_DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu")
            .withResolverStyle(java.time.format.ResolverStyle.STRICT); // 31/02 is refused, not moved to 28/02

    /** The columns' names as the file's header has them, for the report. */
    private static final String[] COLUMNS = {"code", "full_name", "organisation", "kind", "date_of_birth", "position"};

    /** How much of a wrong value the report quotes. */
    private static final int QUOTED = 40;

    private RosterCsv() {}

    /** The value without control characters or lone surrogates, cut to {@code max} characters. */
    private static String tamed(String value, int max) {
        StringBuilder kept = new StringBuilder();
        value.codePoints()
                .filter(c -> Character.getType(c) != Character.CONTROL && Character.getType(c) != Character.SURROGATE)
                .limit(max)
                .forEach(kept::appendCodePoint);
        int end = Math.min(kept.length(), max);
        return kept.substring(0, end > 0 && Character.isHighSurrogate(kept.charAt(end - 1)) ? end - 1 : end);
    }

    private static String quoted(String value) {
        return value.length() <= QUOTED ? value : value.substring(0, QUOTED) + "…";
    }

    static List<RosterEntry> parse(byte[] file) {
        List<RosterEntry> entries = new ArrayList<>();
        List<byte[]> lines = splitLines(file);
        if (lines.isEmpty()) {
            throw new RosterRejected(List.of(new RosterRejected.RowProblem(
                    1,
                    null,
                    "the file is empty: a roster is a CSV file (UTF-8) with the header line "
                            + "code,full_name,organisation,kind and then one delegate a line")));
        }
        for (int i = 1; i < lines.size(); i++) {
            int row = i + 1;
            String line;
            try {
                line = decode(lines.get(i));
            } catch (CharacterCodingException e) {
                entries.add(unreadable(row, "the line is not valid UTF-8 (wrong encoding: save the file as UTF-8)"));
                continue;
            }
            if (line.isBlank()) {
                continue;
            }
            List<String> fields = fields(line);
            if (fields == null) {
                entries.add(unreadable(row, "a quoted field is not closed"));
                continue;
            }
            if (fields.size() < 4 || fields.size() > 6) {
                entries.add(unreadable(
                        row,
                        "expected 4 to 6 fields (code, full name, organisation, kind, date of "
                                + "birth, position), found " + fields.size()));
                continue;
            }
            List<String> wrong = new ArrayList<>();
            for (int f = 0; f < fields.size(); f++) {
                String problem = InputLimits.problemWith(
                        fields.get(f), f == 0 ? InputLimits.ID_MAX : InputLimits.NAME_MAX, false);
                if (problem != null) {
                    wrong.add(COLUMNS[f] + " " + problem);
                    fields.set(f, tamed(fields.get(f), f == 0 ? InputLimits.ID_MAX : InputLimits.NAME_MAX));
                }
            }
            DelegateKind kind = kind(fields.get(3));
            if (kind == null) {
                wrong.add("kind '" + quoted(fields.get(3))
                        + "' is neither official (chính thức) nor alternate (dự khuyết)");
            }
            LocalDate born = null;
            if (fields.size() > 4 && !fields.get(4).isBlank()) {
                born = date(fields.get(4));
                if (born == null) {
                    wrong.add("date_of_birth '" + quoted(fields.get(4)) + "' is not yyyy-mm-dd or dd/mm/yyyy");
                } else if (born.getYear() < InputLimits.YEAR_MIN || born.getYear() > InputLimits.YEAR_MAX) {
                    wrong.add("date_of_birth '" + fields.get(4) + "' is not between the years " + InputLimits.YEAR_MIN
                            + " and " + InputLimits.YEAR_MAX);
                    born = null;
                }
            }
            String position = fields.size() > 5 ? fields.get(5) : null;
            // A field over its limit goes on cut to it: the command refuses the file for the problem named here, and
            // nothing longer than the limits (or with control characters) reaches the domain.
            entries.add(new RosterEntry(
                    fields.get(0),
                    Normalizer.normalize(fields.get(1), Normalizer.Form.NFC),
                    fields.get(2),
                    kind,
                    born,
                    position,
                    row,
                    wrong.isEmpty() ? null : String.join("; ", wrong)));
        }
        // Every line goes to the command, the unreadable ones with what was wrong: it refuses the file with one
        // report naming every bad row, whether the line could not be read or what it says breaks a rule.
        return entries;
    }

    /** Splits on LF (CRLF tolerated) before decoding, so that one badly encoded line is named alone. */
    private static List<byte[]> splitLines(byte[] file) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        if (file.length >= 3 && (file[0] & 0xff) == 0xEF && (file[1] & 0xff) == 0xBB && (file[2] & 0xff) == 0xBF) {
            start = 3; // a UTF-8 byte order mark, as spreadsheet programs write it
        }
        for (int i = start; i <= file.length; i++) {
            if (i == file.length || file[i] == '\n') {
                int end = i > start && file[i - 1] == '\r' ? i - 1 : i;
                if (i < file.length || end > start) {
                    byte[] line = new byte[end - start];
                    System.arraycopy(file, start, line, 0, line.length);
                    lines.add(line);
                }
                start = i + 1;
            }
        }
        return lines;
    }

    private static String decode(byte[] line) throws CharacterCodingException {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return decoder.decode(ByteBuffer.wrap(line)).toString();
    }

    /** The fields of a line, stripped, or null if a quote is not closed. */
    static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString().strip());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            return null;
        }
        fields.add(field.toString().strip());
        return fields;
    }

    /** A line whose fields could not be read at all: the command refuses it with the rest of the report. */
    private static RosterEntry unreadable(int row, String problem) {
        return new RosterEntry(null, null, null, null, null, null, row, problem);
    }

    private static DelegateKind kind(String text) {
        String k = Normalizer.normalize(text.strip().toLowerCase(Locale.ROOT), Normalizer.Form.NFC);
        return switch (k) {
            case "official", "chính thức", "chinh thuc" -> DelegateKind.OFFICIAL;
            case "alternate", "dự khuyết", "du khuyet" -> DelegateKind.ALTERNATE;
            default -> null;
        };
    }

    private static LocalDate date(String text) {
        try {
            return text.contains("/") ? LocalDate.parse(text, VIETNAMESE_DATE) : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

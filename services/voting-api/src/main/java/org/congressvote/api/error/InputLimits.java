package org.congressvote.api.error;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.regex.Pattern;

/**
 * The one set of limits on what a client may send, checked at the edge of both services so that nothing longer
 * than the stores keep, no NUL and no other control character ever reaches a command or a query. docs/api.md
 * ("Input limits") lists every field with its limit; keep the two together.
 */
public final class InputLimits {

    /** Ids chosen by clients: short, printable and safe in a URL path. */
    public static final int ID_MAX = 64;
    /** A round's id is its election's id, "-r" and the round's number. */
    public static final int ROUND_MAX = 1000;
    /** Names of people, congresses, organisations; titles of motions and elections; positions. */
    public static final int NAME_MAX = 200;
    /** The text of a motion. */
    public static final int TEXT_MAX = 4000;
    /** Why credentials were rejected, an alternate seated, a delegate declared absent. */
    public static final int REASON_MAX = 1000;

    public static final int USERNAME_MAX = 64;
    /** In characters. */
    public static final int PASSWORD_MIN = 12;
    /** In UTF-8 bytes: BCrypt reads no further than 72 bytes. */
    public static final int PASSWORD_MAX_BYTES = 72;
    /** A delegate's card code as typed (letters, digits, spaces and dashes). */
    public static final int CODE_MAX = 64;
    /** Audit filter on event type. */
    public static final int TYPE_MAX = 200;

    public static final int YEAR_MIN = 1900;
    public static final int YEAR_MAX = 2100;
    /** Organisations of a congress, candidates of a round, names kept on a ballot. */
    public static final int LIST_MAX = 1000;

    public static final int SEATS_MAX = 1000;
    public static final int MEMBERS_MAX = 10_000_000;
    public static final int DENOMINATOR_MAX = 1000;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._~-]{1," + ID_MAX + "}");
    /** A round's id is its election's id, "-r" and a number up to {@link #ROUND_MAX}: six characters more. */
    private static final Pattern ROUND_ID = Pattern.compile("[A-Za-z0-9._~-]{1," + (ID_MAX + 6) + "}");

    private InputLimits() {}

    /** A required id: 1 to 64 letters, digits or . _ ~ - characters. */
    public static String id(String value, String field) {
        if (value == null || !ID.matcher(value).matches()) {
            throw new InvalidInput(
                    field,
                    "The field '" + field + "' must be 1 to " + ID_MAX + " letters, digits or . _ ~ - characters.");
        }
        return value;
    }

    /** An id that may be left out (null); when present it follows {@link #id}. */
    public static String optionalId(String value, String field) {
        return value == null ? null : id(value, field);
    }

    /** A round's id ("e1-r2"): 1 to 70 letters, digits or . _ ~ - characters (an unknown one is not found). */
    public static String roundId(String value, String field) {
        if (value == null || !ROUND_ID.matcher(value).matches()) {
            throw new InvalidInput(
                    field,
                    "The field '" + field + "' must be 1 to " + (ID_MAX + 6)
                            + " letters, digits or . _ ~ - characters, such as e1-r2.");
        }
        return value;
    }

    /** A name, a title or a position: at most 200 characters, one line, no control characters; null passes. */
    public static String name(String value, String field) {
        return text(value, field, NAME_MAX, false);
    }

    /** A reason: at most 1000 characters; line breaks and tabs allowed, no other control characters; null passes. */
    public static String reason(String value, String field) {
        return text(value, field, REASON_MAX, true);
    }

    /** A motion's text: at most 4000 characters; line breaks and tabs allowed; null passes. */
    public static String longText(String value, String field) {
        return text(value, field, TEXT_MAX, true);
    }

    /** Any other free text: at most {@code max} characters, one line, no control characters; null passes. */
    public static String line(String value, String field, int max) {
        return text(value, field, max, false);
    }

    /** A staff username as typed at sign-in: at most 64 characters, no control characters; null passes. */
    public static String username(String value, String field) {
        return text(value, field, USERNAME_MAX, false);
    }

    /** A password as typed at sign-in: at most 72 UTF-8 bytes, no control characters; null passes. */
    public static String password(String value, String field) {
        if (value == null) {
            return null;
        }
        text(value, field, Integer.MAX_VALUE, false);
        if (value.getBytes(StandardCharsets.UTF_8).length > PASSWORD_MAX_BYTES) {
            throw new InvalidInput(
                    field,
                    "The field '" + field + "' is longer than " + PASSWORD_MAX_BYTES
                            + " bytes (UTF-8): letters with accents take 2 or 3 bytes each.");
        }
        return value;
    }

    /** A new password: 12 characters to 72 UTF-8 bytes, no control characters. */
    public static String newPassword(String value, String field) {
        if (value == null || value.length() < PASSWORD_MIN) {
            throw new InvalidInput(field, "The field '" + field + "' needs at least " + PASSWORD_MIN + " characters.");
        }
        return password(value, field);
    }

    /** A date (of birth) within the years 1900 to 2100; null passes. */
    public static LocalDate date(LocalDate value, String field) {
        if (value != null && (value.getYear() < YEAR_MIN || value.getYear() > YEAR_MAX)) {
            throw new InvalidInput(
                    field,
                    "The field '" + field + "' must be a date between the years " + YEAR_MIN + " and " + YEAR_MAX
                            + ".");
        }
        return value;
    }

    /** An instant (audit filters) within the years 1900 to 2100; null passes. */
    public static <T extends TemporalAccessor> T instant(T value, String field) {
        if (value != null) {
            int year = java.time.Instant.from(value).atOffset(ZoneOffset.UTC).getYear();
            if (year < YEAR_MIN || year > YEAR_MAX) {
                throw new InvalidInput(
                        field,
                        "The field '" + field + "' must be an instant between the years " + YEAR_MIN + " and "
                                + YEAR_MAX + ".");
            }
        }
        return value;
    }

    /** A whole number within {@code min..max}. */
    public static long number(long value, String field, long min, long max) {
        if (value < min || value > max) {
            throw new InvalidInput(field, "The field '" + field + "' must be between " + min + " and " + max + ".");
        }
        return value;
    }

    /** A list of at most {@code max} items; null passes. */
    public static <T extends Collection<?>> T list(T value, String field, int max) {
        if (value != null && value.size() > max) {
            throw new InvalidInput(field, "The field '" + field + "' may have at most " + max + " items.");
        }
        return value;
    }

    /** What is wrong with a text field, or null if nothing: for reports that name the problem (roster rows). */
    public static String problemWith(String value, int max, boolean multiline) {
        if (value == null) {
            return null;
        }
        if (value.length() > max) {
            return "is longer than " + max + " characters";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.getType(c) == Character.CONTROL && !(multiline && (c == '\n' || c == '\r' || c == '\t'))) {
                return "contains a control character (U+" + String.format("%04X", (int) c) + ")";
            }
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "is not well-formed Unicode (a lone surrogate)";
            }
        }
        return null;
    }

    private static String text(String value, String field, int max, boolean multiline) {
        String problem = problemWith(value, max, multiline);
        if (problem != null) {
            throw new InvalidInput(field, "The field '" + field + "' " + problem + ".");
        }
        return value;
    }
}

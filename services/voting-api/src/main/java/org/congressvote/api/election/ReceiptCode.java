package org.congressvote.api.election;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.congressvote.api.Sha256;

/**
 * A ballot's receipt code, as the command side shows it once to the delegate and the read side takes it back typed:
 * upper-case letters and digits in groups of four joined by dashes ({@code ABCD-EFGH-JKLM}). What is published beside
 * the ballot is the SHA-256 of the code exactly so written.
 */
public final class ReceiptCode {

    private static final Pattern TYPED = Pattern.compile("[A-Z0-9]{4,64}");

    private ReceiptCode() {}

    /** "ABCDEFGHJKLM" becomes "ABCD-EFGH-JKLM". */
    public static String shown(String compact) {
        StringBuilder shown = new StringBuilder(compact.length() + compact.length() / 4);
        for (int i = 0; i < compact.length(); i++) {
            if (i > 0 && i % 4 == 0) {
                shown.append('-');
            }
            shown.append(compact.charAt(i));
        }
        return shown.toString();
    }

    /** "abcd efgh-jklm" becomes "ABCD-EFGH-JKLM"; empty for anything but letters and digits (spaces, dashes aside). */
    public static Optional<String> normalise(String typed) {
        String compact = typed == null ? "" : typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        return TYPED.matcher(compact).matches() ? Optional.of(shown(compact)) : Optional.empty();
    }

    /** The hash published beside the ballot, of the code as shown. */
    public static String hash(String shownCode) {
        return Sha256.hex(shownCode);
    }
}

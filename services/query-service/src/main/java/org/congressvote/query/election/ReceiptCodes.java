package org.congressvote.query.election;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

import org.congressvote.query.web.ViewProblem;

/**
 * Receipt codes as delegates type them, turned into the hash the command side stored beside the ballot: SHA-256 (hex)
 * of the code exactly as it was shown, upper case in groups of four joined by dashes ({@code ABCD-EFGH-JKLM}).
 */
final class ReceiptCodes {

    private static final Pattern TYPED = Pattern.compile("[A-Z0-9]{4,64}");

    private ReceiptCodes() {
    }

    /** "abcd efgh-jklm" becomes "ABCD-EFGH-JKLM"; anything but letters and digits (spaces, dashes aside) is refused. */
    static String normalise(String typed) {
        String compact = typed == null ? "" : typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (!TYPED.matcher(compact).matches()) {
            throw ViewProblem.badRequest("A receipt code is made of letters and digits, as printed on the receipt, "
                    + "e.g. ABCD-EFGH-JKLM.");
        }
        StringBuilder shown = new StringBuilder(compact.length() + compact.length() / 4);
        for (int i = 0; i < compact.length(); i++) {
            if (i > 0 && i % 4 == 0) {
                shown.append('-');
            }
            shown.append(compact.charAt(i));
        }
        return shown.toString();
    }

    static String hash(String typed) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(normalise(typed).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

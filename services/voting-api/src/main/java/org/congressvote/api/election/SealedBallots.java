package org.congressvote.api.election;

import java.nio.charset.StandardCharsets;
import org.congressvote.api.Sha256;

/**
 * What the command side and the read side must agree on about sealed ballots: the receipt code of a sealed ballot
 * (derived from its ciphertext, so it proves the ballot was in the box and counted, and says nothing of its content)
 * and the hash of a key share.
 */
public final class SealedBallots {

    private static final char[] RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

    private SealedBallots() {}

    /** The delegate's receipt code for a sealed ballot: 12 characters (60 bits) of SHA-256 of the ciphertext. */
    public static String receiptCode(byte[] sealed) {
        byte[] digest = Sha256.digest(sealed);
        StringBuilder code = new StringBuilder(12);
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = (bits << 8) | (digest[i] & 0xff);
        }
        for (int i = 0; i < 12; i++) {
            code.append(RECEIPT_ALPHABET[(int) ((bits >>> (64 - 5 * (i + 1))) & 31)]);
        }
        return ReceiptCode.shown(code.toString());
    }

    /** What is published for a counted sealed ballot: the hash of its receipt code as shown. */
    public static String receiptHash(byte[] sealed) {
        return ReceiptCode.hash(receiptCode(sealed));
    }

    /** The hash of share number {@code index} of the round's key, as the key ceremony's event carries it. */
    public static String shareHash(String roundId, int index, byte[] share) {
        byte[] label =
                ("congress-vote key share v1\n" + roundId + "\n" + index + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[label.length + share.length];
        System.arraycopy(label, 0, all, 0, label.length);
        System.arraycopy(share, 0, all, label.length, share.length);
        return Sha256.hex(all);
    }
}

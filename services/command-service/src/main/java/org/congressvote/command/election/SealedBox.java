package org.congressvote.command.election;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.threshold.ShamirSecretSplitter;
import org.bouncycastle.crypto.threshold.ShamirSplitSecret;
import org.bouncycastle.crypto.threshold.ShamirSplitSecretShare;
import org.congressvote.api.election.SealedBallots;

/**
 * The cryptography of a sealed ballot box, from BouncyCastle only: HPKE (RFC 9180, base mode, DHKEM X25519,
 * HKDF-SHA256, AES-256-GCM) seals each ballot to the round's public key; the key pair is derived (RFC 9180
 * DeriveKeyPair) from a 32-byte secret that is split k-of-n with Shamir's scheme over GF(2^8) and never kept whole.
 */
final class SealedBox {

    /** A share as printed for its holder: {@code CVK1-<round>-<number>-<base32 of 32 bytes>}. */
    private static final Pattern SHARE = Pattern.compile("CVK1-([A-Za-z0-9._~-]+)-(\\d{1,3})-([A-Z2-7]{52})");

    private static final int SECRET_BYTES = 32;
    private static final byte[] INFO = "congress-vote sealed ballot v1".getBytes(StandardCharsets.UTF_8);

    private static final SecureRandom RANDOM = new SecureRandom();

    private SealedBox() {}

    private static HPKE hpke() {
        return new HPKE(HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM256);
    }

    /** The outcome of a key ceremony: the public key, one share text per holder, and the hash of each share. */
    record Ceremony(String publicKey, List<String> shares, List<String> shareHashes) {}

    /** A share read back from its text. */
    record Share(String roundId, int number, byte[] bytes) {}

    /** A rebuilt private key, for the time of one close; {@link #wipe()} it. */
    static final class OpenKey implements AutoCloseable {
        private final byte[] secret;
        private final AsymmetricCipherKeyPair pair;

        private OpenKey(byte[] secret, AsymmetricCipherKeyPair pair) {
            this.secret = secret;
            this.pair = pair;
        }

        /** Overwrites the secret this key was derived from (the library's key objects are left to the collector). */
        void wipe() {
            Arrays.fill(secret, (byte) 0);
        }

        @Override
        public void close() {
            wipe();
        }
    }

    static Ceremony ceremony(String roundId, int sharesRequired, int holders) {
        if (holders < 1 || holders > 255 || sharesRequired < 1 || sharesRequired > holders) {
            throw new IllegalArgumentException("needs 1 <= k <= n <= 255");
        }
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        try {
            HPKE hpke = hpke();
            AsymmetricCipherKeyPair pair = hpke.deriveKeyPair(secret);
            String publicKey = Base64.getEncoder().encodeToString(hpke.serializePublicKey(pair.getPublic()));
            List<String> shares = new ArrayList<>();
            List<String> hashes = new ArrayList<>();
            if (sharesRequired == 1) {
                // Shamir with k = 1 is the secret itself, once per holder.
                for (int i = 1; i <= holders; i++) {
                    shares.add(shareText(roundId, i, secret));
                    hashes.add(SealedBallots.shareHash(roundId, i, secret));
                }
            } else {
                ShamirSplitSecretShare[] split = new ShamirSecretSplitter(
                                ShamirSecretSplitter.Algorithm.AES,
                                ShamirSecretSplitter.Mode.Table,
                                SECRET_BYTES,
                                RANDOM)
                        .resplit(secret, sharesRequired, holders)
                        .getSecretShares();
                // BouncyCastle 1.81 sizes the share array by the secret's length, not by n: only the first n are set.
                for (int i = 0; i < holders; i++) {
                    byte[] share = split[i].getEncoded();
                    shares.add(shareText(roundId, i + 1, share));
                    hashes.add(SealedBallots.shareHash(roundId, i + 1, share));
                    Arrays.fill(share, (byte) 0);
                }
            }
            return new Ceremony(publicKey, List.copyOf(shares), List.copyOf(hashes));
        } catch (IOException e) {
            throw new IllegalStateException("Shamir split failed", e);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** A share from its text as typed or scanned (spaces ignored, the base32 part in either case); null if malformed. */
    static Share parseShare(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = SHARE.matcher(normaliseShare(text));
        if (!m.matches()) {
            return null;
        }
        int number = Integer.parseInt(m.group(2));
        byte[] bytes = fromBase32(m.group(3));
        return bytes.length == SECRET_BYTES && number >= 1 ? new Share(m.group(1), number, bytes) : null;
    }

    private static String normaliseShare(String text) {
        String compact = text.replaceAll("\\s", "");
        int last = compact.lastIndexOf('-');
        if (last < 0) {
            return compact;
        }
        return compact.substring(0, last + 1) + compact.substring(last + 1).toUpperCase(java.util.Locale.ROOT);
    }

    /**
     * Rebuilds the key from {@code sharesRequired} distinct shares and checks it against the round's public key.
     * Returns null when the rebuilt key is not the round's (a wrong share got through).
     */
    static OpenKey rebuild(Collection<Share> shares, int sharesRequired, String publicKey) {
        List<Share> used = shares.stream().limit(sharesRequired).toList();
        byte[] secret;
        if (sharesRequired == 1) {
            secret = used.get(0).bytes().clone();
        } else {
            ShamirSplitSecretShare[] parts = used.stream()
                    .map(s -> new ShamirSplitSecretShare(s.bytes().clone(), s.number()))
                    .toArray(ShamirSplitSecretShare[]::new);
            try {
                secret = new ShamirSplitSecret(
                                ShamirSecretSplitter.Algorithm.AES, ShamirSecretSplitter.Mode.Table, parts)
                        .getSecret();
            } catch (IOException e) {
                return null;
            }
        }
        HPKE hpke = hpke();
        AsymmetricCipherKeyPair pair = hpke.deriveKeyPair(secret);
        byte[] expected = Base64.getDecoder().decode(publicKey);
        if (!MessageDigest.isEqual(expected, hpke.serializePublicKey(pair.getPublic()))) {
            Arrays.fill(secret, (byte) 0);
            return null;
        }
        return new OpenKey(secret, pair);
    }

    /**
     * Seals the names kept (sorted by candidate id, one per line) padded with zero bytes to a length fixed by the
     * round's candidate list, so every ballot of a round has the same size whatever it says.
     */
    static byte[] seal(String publicKey, String roundId, List<String> kept, List<String> candidateIds) {
        List<String> sorted = kept.stream().sorted().toList();
        byte[] text = String.join("\n", sorted).getBytes(StandardCharsets.UTF_8);
        byte[] padded = new byte[paddedLength(candidateIds)];
        if (text.length > padded.length) {
            throw new IllegalArgumentException("ballot longer than the round's list");
        }
        System.arraycopy(text, 0, padded, 0, text.length);
        HPKE hpke = hpke();
        try {
            byte[][] sealed = hpke.seal(
                    hpke.deserializePublicKey(Base64.getDecoder().decode(publicKey)),
                    INFO,
                    roundId.getBytes(StandardCharsets.UTF_8),
                    padded,
                    null,
                    null,
                    null);
            // seal answers {ciphertext, encapsulated key}: stored as enc || ciphertext
            return ByteBuffer.allocate(sealed[1].length + sealed[0].length)
                    .put(sealed[1])
                    .put(sealed[0])
                    .array();
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("HPKE seal failed", e);
        }
    }

    /** The names kept on a sealed ballot, or null when it does not open under this key for this round. */
    static List<String> open(OpenKey key, String roundId, byte[] sealed) {
        HPKE hpke = hpke();
        int enc = hpke.getEncSize();
        if (sealed.length <= enc) {
            return null;
        }
        try {
            byte[] padded = hpke.open(
                    Arrays.copyOfRange(sealed, 0, enc),
                    key.pair,
                    INFO,
                    roundId.getBytes(StandardCharsets.UTF_8),
                    Arrays.copyOfRange(sealed, enc, sealed.length),
                    null,
                    null,
                    null);
            int end = padded.length;
            while (end > 0 && padded[end - 1] == 0) {
                end--;
            }
            String text = new String(padded, 0, end, StandardCharsets.UTF_8);
            return text.isEmpty() ? List.of() : List.of(text.split("\n"));
        } catch (InvalidCipherTextException e) {
            return null;
        }
    }

    /** Room for every candidate kept, rounded up to 256 bytes. */
    static int paddedLength(List<String> candidateIds) {
        int all = candidateIds.stream()
                .mapToInt(id -> id.getBytes(StandardCharsets.UTF_8).length + 1)
                .sum();
        return Math.max(256, (all + 255) / 256 * 256);
    }

    private static String shareText(String roundId, int number, byte[] share) {
        return "CVK1-" + roundId + "-" + number + "-" + base32(share);
    }

    /** RFC 4648 base32 (BouncyCastle) without its padding: what a member can read aloud or type from paper. */
    private static String base32(byte[] data) {
        return org.bouncycastle.util.encoders.Base32.toBase32String(data).replace("=", "");
    }

    private static byte[] fromBase32(String text) {
        String padded = text + "=".repeat((8 - text.length() % 8) % 8);
        try {
            return org.bouncycastle.util.encoders.Base32.decode(padded);
        } catch (RuntimeException notBase32) {
            return new byte[0];
        }
    }
}

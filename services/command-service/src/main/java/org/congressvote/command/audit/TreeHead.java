package org.congressvote.command.audit;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * A signed tree head: the Merkle root over the first {@code size} events of the chain, signed by the log's key.
 * The signed text is short enough to type from paper: {@link #message()}.
 */
public record TreeHead(
        long size, String rootHash, String signedAt, String keyId, String publicKey, String signature, String reason) {

    static final String FORMAT = "congress-vote tree head v1";

    /** The signed bytes: the format line, size, root (hex), signing time (ISO-8601) and key id, one per line. */
    public String message() {
        return FORMAT + "\n" + size + "\n" + rootHash + "\n" + signedAt + "\n" + keyId;
    }

    /** The signature verifies under the head's public key, and that key is the one the key id names. */
    public boolean signatureValid() {
        try {
            byte[] key = HexFormat.of().parseHex(publicKey);
            return LogSigningKey.keyId(key).equals(keyId)
                    && LogSigningKey.verify(
                            key,
                            message().getBytes(StandardCharsets.UTF_8),
                            HexFormat.of().parseHex(signature));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

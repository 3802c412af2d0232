package org.congressvote.query.loghead;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The projector shows a head from the heads topic only if its Ed25519 signature verifies under the key its id names. */
class LogHeadsTest {

    private static final HexFormat HEX = HexFormat.of();
    private final LogHeads heads = new LogHeads("unused:9092", "congress-log-heads", false, new ObjectMapper());

    @Test
    void aHeadSignedByTheKeyItsIdNamesIsShownAndAnAlteredOneIsNot() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] encoded = pair.getPublic().getEncoded();
        byte[] raw = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
        String keyId =
                HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(raw)).substring(0, 16);
        String root = "ab".repeat(32);
        String text = "congress-vote tree head v1\n42\n" + root + "\n2026-12-01T10:42:00Z\n" + keyId;
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(pair.getPrivate());
        signer.update(text.getBytes(StandardCharsets.UTF_8));
        String signature = HEX.formatHex(signer.sign());

        LogHeads.LogHead good = heads.parse(head(42, root, keyId, HEX.formatHex(raw), signature));
        assertThat(good.signatureValid()).isTrue();
        assertThat(good.size()).isEqualTo(42);
        assertThat(good.signedText()).isEqualTo(text);

        assertThat(heads.parse(head(43, root, keyId, HEX.formatHex(raw), signature))
                        .signatureValid())
                .isFalse();
        assertThat(heads.parse(head(42, "cd".repeat(32), keyId, HEX.formatHex(raw), signature))
                        .signatureValid())
                .isFalse();
        assertThat(heads.parse(head(42, root, "0000000000000000", HEX.formatHex(raw), signature))
                        .signatureValid())
                .isFalse();
        assertThat(heads.parse("not a head")).isNull();
    }

    private static String head(long size, String root, String keyId, String publicKey, String signature) {
        return "{\"size\":" + size + ",\"rootHash\":\"" + root + "\",\"signedAt\":\"2026-12-01T10:42:00Z\",\"keyId\":\""
                + keyId + "\",\"publicKey\":\"" + publicKey + "\",\"signature\":\"" + signature + "\"}";
    }
}

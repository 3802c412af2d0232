package org.congressvote.command.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.congressvote.command.CommandServiceProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The Ed25519 key that signs the log's tree heads. It lives in a file outside the database
 * ({@code congress.log-signing.key-file}, PKCS#8 PEM, readable by the service's user only), generated at the first
 * start if absent; a DBA who can rewrite every table still cannot sign a head. Its id is the first 16 hex digits of
 * SHA-256 of the raw public key, printed in every head, so a head on paper names the key that must verify it.
 */
@Component
public class LogSigningKey {

    private static final Logger LOG = LoggerFactory.getLogger(LogSigningKey.class);
    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";

    private final Ed25519PrivateKeyParameters privateKey;
    private final byte[] publicKey;
    private final String keyId;

    LogSigningKey(CommandServiceProperties properties) {
        Path keyFile = properties.logSigning().keyFile();
        this.privateKey = loadOrGenerate(keyFile);
        this.publicKey = privateKey.generatePublicKey().getEncoded();
        this.keyId = keyId(publicKey);
        LOG.info("Tree heads of the log are signed with Ed25519 key {} from {}", keyId, keyFile.toAbsolutePath());
    }

    public String keyId() {
        return keyId;
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    byte[] sign(byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    /** Does this signature of the message verify under this raw 32-byte public key? */
    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey == null || publicKey.length != Ed25519PublicKeyParameters.KEY_SIZE || signature == null) {
            return false;
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }

    public static String keyId(byte[] publicKey) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(publicKey))
                    .substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static Ed25519PrivateKeyParameters loadOrGenerate(Path file) {
        try {
            if (Files.exists(file)) {
                String pem = Files.readString(file, StandardCharsets.US_ASCII);
                int begin = pem.indexOf(BEGIN);
                int end = pem.indexOf(END);
                if (begin < 0 || end < begin) {
                    throw new IllegalStateException("The log signing key file " + file + " is not a PKCS#8 PEM key");
                }
                byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + BEGIN.length(), end));
                AsymmetricKeyParameter key = PrivateKeyFactory.createKey(der);
                if (!(key instanceof Ed25519PrivateKeyParameters ed25519)) {
                    throw new IllegalStateException("The log signing key in " + file + " is not an Ed25519 key");
                }
                return ed25519;
            }
            Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(new SecureRandom());
            byte[] der = PrivateKeyInfoFactory.createPrivateKeyInfo(key).getEncoded();
            String pem =
                    BEGIN + "\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n" + END + "\n";
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.writeString(file, pem, StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                LOG.warn("Could not restrict {} to its owner: protect it by hand", file);
            }
            LOG.warn(
                    "Generated a new Ed25519 key for signing the log's tree heads: {} (key id {}). Keep it out of "
                            + "the database's backups; see docs/security.md",
                    file.toAbsolutePath(),
                    keyId(key.generatePublicKey().getEncoded()));
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the log signing key " + file, e);
        }
    }
}

package dev.tandem.maven.remote;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Signing keys, JDK only: an X.509 public key and a PKCS#8 private key, PEM or bare base64, of type EC (signed with
 * SHA256withECDSA), RSA (SHA256withRSA) or Ed25519 (JDK 15 and later), as {@code openssl genpkey} writes them.
 */
public final class Keys {
    private static final String[] TYPES = {"EC", "Ed25519", "RSA"};

    private Keys() {}

    /** A public key given as PEM text, bare base64, or the path of a file holding either. */
    public static PublicKey publicKey(String text) {
        byte[] der = der(text, "PUBLIC KEY", "remotePublicKey");
        for (String type : TYPES) {
            try {
                return KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException | IllegalArgumentException notThisType) {
                // the next type
            }
        }
        throw new IllegalArgumentException("Tandem remotePublicKey is not an EC, Ed25519 or RSA public key in X.509"
                + " form; write it with: openssl pkey -in signing.pem -pubout");
    }

    /** A private key read from a PEM file (PKCS#8, unencrypted). */
    public static PrivateKey privateKey(Path file) {
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("Tandem cannot read the signing key " + file + " (" + e + ")");
        }
        if (text.contains("BEGIN EC PRIVATE KEY") || text.contains("BEGIN RSA PRIVATE KEY")) {
            throw new IllegalArgumentException("Tandem signing key " + file + " is not in PKCS#8 form; convert it:"
                    + " openssl pkcs8 -topk8 -nocrypt -in " + file + " -out signing.pem");
        }
        if (text.contains("ENCRYPTED PRIVATE KEY")) {
            throw new IllegalArgumentException("Tandem signing key " + file + " is encrypted; keep it in the CI's"
                    + " secret store unencrypted (openssl pkcs8 -topk8 -nocrypt)");
        }
        byte[] der = der(text, "PRIVATE KEY", file.toString());
        for (String type : TYPES) {
            try {
                return KeyFactory.getInstance(type).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException | IllegalArgumentException notThisType) {
                // the next type
            }
        }
        throw new IllegalArgumentException("Tandem signing key " + file + " is not an EC, Ed25519 or RSA private key"
                + " in PKCS#8 form; make one with: openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256"
                + " -out signing.pem");
    }

    private static byte[] der(String text, String label, String what) {
        String content = text.trim();
        if (!content.startsWith("-----") && !content.isEmpty() && content.length() < 1024) {
            try {
                Path file = Paths.get(content);
                if (Files.isRegularFile(file)) {
                    content = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).trim();
                }
            } catch (IOException | RuntimeException notAFile) {
                // base64 text
            }
        }
        String begin = "-----BEGIN " + label + "-----";
        int start = content.indexOf(begin);
        if (start >= 0) {
            int end = content.indexOf("-----END " + label + "-----", start);
            if (end < 0) {
                throw new IllegalArgumentException("Tandem " + what + ": the PEM block has no END line");
            }
            content = content.substring(start + begin.length(), end);
        }
        try {
            return Base64.getMimeDecoder().decode(content.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "Tandem " + what + " is neither PEM nor base64 (" + e.getMessage() + ")");
        }
    }

    static String algorithm(Key key) throws NoSuchAlgorithmException {
        switch (key.getAlgorithm()) {
            case "EC":
                return "SHA256withECDSA";
            case "RSA":
                return "SHA256withRSA";
            case "Ed25519":
            case "EdDSA":
                return "Ed25519";
            default:
                throw new NoSuchAlgorithmException("no signature for " + key.getAlgorithm() + " keys");
        }
    }

    static byte[] sign(PrivateKey key, byte[] data) throws GeneralSecurityException {
        Signature signature = Signature.getInstance(algorithm(key));
        signature.initSign(key);
        signature.update(data);
        return signature.sign();
    }

    static boolean verify(PublicKey key, byte[] data, int length, byte[] signed) {
        try {
            Signature signature = Signature.getInstance(algorithm(key));
            signature.initVerify(key);
            signature.update(data, 0, length);
            return signature.verify(signed);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false; // a malformed signature is no signature
        }
    }
}

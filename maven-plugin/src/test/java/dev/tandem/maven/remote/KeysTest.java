package dev.tandem.maven.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The signing keys a user configures, and the one-line message for each way they can be wrong. */
class KeysTest {
    @TempDir
    Path dir;

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + label
                + "-----\n";
    }

    @Test
    @DisplayName("keys as openssl writes them: PEM text, bare base64, or a file's path; they sign and verify")
    void goodKeys() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("EC").generateKeyPair();
        Path privateFile = dir.resolve("signing.pem");
        Files.write(
                privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()).getBytes(StandardCharsets.US_ASCII));
        Path publicFile = dir.resolve("signing.pub");
        Files.write(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()).getBytes(StandardCharsets.US_ASCII));

        byte[] signed = Keys.sign(Keys.privateKey(privateFile), new byte[] {1, 2, 3});
        for (String text : new String[] {
            pem("PUBLIC KEY", pair.getPublic().getEncoded()),
            Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()),
            publicFile.toString()
        }) {
            assertThat(Keys.verify(Keys.publicKey(text), new byte[] {1, 2, 3}, 3, signed))
                    .isTrue();
        }
    }

    @Test
    @DisplayName("a public key that is none says what to run instead")
    void badPublicKey() {
        assertThatThrownBy(() -> Keys.publicKey("bm90IGEga2V5"))
                .hasMessage("Tandem remotePublicKey is not an EC, Ed25519 or RSA public key in X.509 form; write it"
                        + " with: openssl pkey -in signing.pem -pubout");
        assertThatThrownBy(() -> Keys.publicKey("-----BEGIN PUBLIC KEY-----\nMFkw"))
                .hasMessage("Tandem remotePublicKey: the PEM block has no END line");
        // text that is no key at all (base64's MIME alphabet skips what it does not know) gets the same message
        assertThatThrownBy(() -> Keys.publicKey("not a key at all!"))
                .hasMessageStartingWith("Tandem remotePublicKey is not an EC, Ed25519 or RSA public key");
    }

    @Test
    @DisplayName("a private key in the wrong form, encrypted, or missing names the file and the fix")
    void badPrivateKey() throws Exception {
        Path sec1 = dir.resolve("ec.pem");
        Files.write(sec1, "-----BEGIN EC PRIVATE KEY-----\nMHcC\n-----END EC PRIVATE KEY-----\n".getBytes());
        assertThatThrownBy(() -> Keys.privateKey(sec1))
                .hasMessage("Tandem signing key " + sec1 + " is not in PKCS#8 form; convert it: openssl pkcs8 -topk8"
                        + " -nocrypt -in " + sec1 + " -out signing.pem");
        Path encrypted = dir.resolve("enc.pem");
        Files.write(
                encrypted,
                "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n".getBytes());
        assertThatThrownBy(() -> Keys.privateKey(encrypted)).hasMessageContaining("is encrypted");
        Path missing = dir.resolve("missing.pem");
        assertThatThrownBy(() -> Keys.privateKey(missing))
                .hasMessageStartingWith("Tandem cannot read the signing key " + missing);
        Path garbage = dir.resolve("garbage.pem");
        Files.write(garbage, pem("PRIVATE KEY", new byte[] {1, 2, 3}).getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> Keys.privateKey(garbage))
                .hasMessageContaining("is not an EC, Ed25519 or RSA private key in PKCS#8 form");
    }
}

package dev.cutover.rehearsal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Seals the secrets the simulated systems must keep (Secrets Manager's values, Heroku's secret
 * config vars), as Secrets Manager does with KMS: AES-256-GCM, a random IV for each value, so the
 * {@code rehearsal_world} table never holds one in the clear. The key is 32 random bytes made once
 * and kept in {@code cutover.rehearsal.seal-key-file} (default {@code data/rehearsal-world.key}),
 * readable only by its owner. The log names the file, never the key.
 */
@Component
@Profile("rehearsal")
public class WorldSeal {

    static final String PREFIX = "sealed:v1:";

    private static final Logger log = LoggerFactory.getLogger(WorldSeal.class);
    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Path file;
    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    WorldSeal(RehearsalSettings settings) {
        this.file = settings.sealKeyFile().toAbsolutePath();
        this.key = new SecretKeySpec(keptIn(file), "AES");
    }

    /** The value sealed, as {@code sealed:v1:<base64(iv|ciphertext)>}; null stays null. */
    public String seal(String plain) {
        if (plain == null) {
            return null;
        }
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a value of the rehearsal world with " + CIPHER, e);
        }
    }

    /** The plain value of one {@link #seal} made with this key; null stays null. */
    public String open(String sealed) {
        if (sealed == null) {
            return null;
        }
        if (!sealed.startsWith(PREFIX)) {
            throw new IllegalStateException("The rehearsal world holds a secret that is not sealed (a world kept"
                    + " by an older Cutover?): " + startOver());
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The rehearsal world holds a damaged sealed secret: " + startOver(), e);
        }
        if (bytes.length < IV_BYTES + TAG_BITS / 8) {
            throw new IllegalStateException("The rehearsal world holds a damaged sealed secret: " + startOver());
        }
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            return new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("The rehearsal world was sealed with another key than the one in "
                    + file + ", so its secrets cannot be opened: " + startOver(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot open a value of the rehearsal world with " + CIPHER, e);
        }
    }

    private String startOver() {
        return "start the world over with POST /api/rehearsal/world/reset (it keeps the key in " + file
                + "), or stop Cutover and delete both that file and the world (the rows of table rehearsal_world)";
    }

    /** The key kept in the file, made and written first if the file does not exist yet. */
    static byte[] keptIn(Path file) {
        try {
            if (Files.exists(file)) {
                byte[] key = decoded(Files.readString(file, StandardCharsets.US_ASCII).trim(), file);
                log.info("The rehearsal world's secrets are sealed with the key in {}", file);
                return key;
            }
            Files.createDirectories(file.getParent());
            byte[] key = new byte[KEY_BYTES];
            new SecureRandom().nextBytes(key);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
            log.info("Made the key that seals the rehearsal world's secrets, in {} (readable only by you)", file);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the rehearsal world's seal key in " + file, e);
        }
    }

    private static byte[] decoded(String kept, Path file) {
        try {
            byte[] key = Base64.getDecoder().decode(kept);
            if (key.length == KEY_BYTES) {
                return key;
            }
        } catch (IllegalArgumentException notBase64) {
            // said below, without quoting what the file holds
        }
        throw new IllegalStateException(file + " does not hold a rehearsal world seal key (" + KEY_BYTES
                + " bytes in Base64): delete it, and start the world over with POST /api/rehearsal/world/reset");
    }
}

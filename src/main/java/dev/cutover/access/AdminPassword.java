package dev.cutover.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * The admin's password: {@code CUTOVER_ADMIN_PASSWORD} when set; in rehearsal, else, one
 * generated once and kept in a file only its owner can read. Never logged.
 */
final class AdminPassword {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final int LENGTH = 24;

    private AdminPassword() {
    }

    static Optional<String> given(AccessSettings settings) {
        return Optional.ofNullable(settings.adminPassword()).filter(password -> !password.isBlank());
    }

    /** The password kept in the file, made and written first if the file does not exist yet. */
    static String keptIn(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            String password = generate();
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the admin password in " + file.toAbsolutePath(), e);
        }
    }

    private static String generate() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}

package dev.cutover.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminPasswordTest {

    @TempDir Path data;

    @Test
    void aGeneratedPasswordIsKeptInAFileOnlyItsOwnerCanRead() throws Exception {
        Path file = data.resolve("data/admin-password");

        String password = AdminPassword.keptIn(file);

        assertThat(password).hasSize(24).matches("[A-Za-z2-9]+");
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void theSamePasswordIsReadBackOnTheNextStart() {
        Path file = data.resolve("admin-password");

        assertThat(AdminPassword.keptIn(file)).isEqualTo(AdminPassword.keptIn(file));
    }
}

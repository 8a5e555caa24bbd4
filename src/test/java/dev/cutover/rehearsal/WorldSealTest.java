package dev.cutover.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.support.LogCapture;
import dev.cutover.support.SecretScan;
import dev.cutover.support.SimulatedWorldTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

@SimulatedWorldTest
class WorldSealTest {

    private static final String PLAIN = "rehearsal-Secret-value-to-seal-7!";

    @Autowired WorldSeal seal;
    @Autowired WorldStore world;
    @Autowired DataSource dataSource;
    @Autowired RehearsalSettings settings;
    @RegisterExtension final LogCapture logs = new LogCapture();
    @TempDir Path folder;

    @BeforeEach
    void emptyWorld() {
        world.reset();
    }

    @Test
    void aSealedValueOpensToThePlainOneAndIsSealedAnewEachTime() {
        String sealed = seal.seal(PLAIN);

        assertThat(sealed).startsWith("sealed:v1:").doesNotContain(PLAIN);
        assertThat(seal.open(sealed)).isEqualTo(PLAIN);
        assertThat(seal.seal(PLAIN)).as("a random IV for each value").isNotEqualTo(sealed);
        assertThat(seal.seal(null)).isNull();
        assertThat(seal.open(null)).isNull();
    }

    @Test
    void aSealedValueKeptInTheWorldLeavesThePlainOneNowhereInTheDatabase() throws Exception {
        world.change("sealed", Kept.class, Kept::new, kept -> kept.value = seal.seal(PLAIN));

        assertThat(SecretScan.findIn(dataSource, List.of(PLAIN))).isEmpty();
        assertThat(seal.open(world.read("sealed", Kept.class, Kept::new).value)).isEqualTo(PLAIN);
    }

    @Test
    void theSecretScanLooksIntoTheWorld() throws Exception {
        world.change("unsealed", Kept.class, Kept::new, kept -> kept.value = PLAIN);

        assertThat(SecretScan.findIn(dataSource, List.of(PLAIN)))
                .singleElement().asString().isEqualToIgnoringCase("rehearsal_world.state");
    }

    @Test
    void aValueSealedWithAnotherKeyFailsSayingHowToStartOver() {
        Path otherFile = folder.resolve("other.key");
        String sealedElsewhere = new WorldSeal(settings(otherFile)).seal(PLAIN);

        assertThatThrownBy(() -> seal.open(sealedElsewhere))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sealed with another key than the one in "
                        + settings.sealKeyFile().toAbsolutePath())
                .hasMessageContaining("POST /api/rehearsal/world/reset")
                .hasMessageContaining("delete both that file and the world")
                .message().doesNotContain(PLAIN);
    }

    @Test
    void aValueThatWasNeverSealedFailsSayingHowToStartOver() {
        assertThatThrownBy(() -> seal.open(PLAIN))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not sealed")
                .hasMessageContaining("POST /api/rehearsal/world/reset")
                .message().doesNotContain(PLAIN);
    }

    @Test
    void theKeyIsMadeOnceInAFileOnlyItsOwnerCanReadAndTheLogNamesTheFileOnly() throws Exception {
        Path file = folder.resolve("data/rehearsal-world.key");

        String sealed = new WorldSeal(settings(file)).seal(PLAIN);
        String reopened = new WorldSeal(settings(file)).open(sealed);

        assertThat(reopened).isEqualTo(PLAIN);
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        String key = Files.readString(file, StandardCharsets.US_ASCII).trim();
        assertThat(Base64.getDecoder().decode(key)).hasSize(32);
        assertThat(logs.lines()).anySatisfy(line -> assertThat(line).contains(file.toString()));
        assertThat(logs.linesContaining(List.of(key))).isEmpty();
    }

    @Test
    void aFileThatHoldsNoKeyIsRefusedWithoutQuotingIt() throws Exception {
        Path file = folder.resolve("rehearsal-world.key");
        Files.writeString(file, "not-a-key-at-all\n");

        assertThatThrownBy(() -> new WorldSeal(settings(file)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file + " does not hold a rehearsal world seal key")
                .message().doesNotContain("not-a-key-at-all");
    }

    @Test
    void theTestsKeyIsATemporaryFileNotOneInData() {
        Path file = settings.sealKeyFile().toAbsolutePath();

        assertThat(file.startsWith(Path.of("data").toAbsolutePath())).isFalse();
        assertThat(file).exists();
    }

    private RehearsalSettings settings(Path keyFile) {
        return new RehearsalSettings(Duration.ofSeconds(6), Duration.ofSeconds(1), Duration.ofSeconds(6),
                Duration.ofSeconds(10), 10053, keyFile, 1, Duration.ZERO, false);
    }

    static class Kept {
        String value;
    }
}

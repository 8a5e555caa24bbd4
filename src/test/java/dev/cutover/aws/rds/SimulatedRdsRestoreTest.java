package dev.cutover.aws.rds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.step.Ensured;
import dev.cutover.step.StepFailedException;
import dev.cutover.support.SimulatedWorldTest;
import dev.cutover.support.SimulatedWorldTest.WorldClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/** The rehearsal's database restored from a clean snapshot: a new instance, creating, then available. */
@SimulatedWorldTest
@Import(SimulatedRds.class)
class SimulatedRdsRestoreTest {

    @Autowired SimulatedRds rds;
    @Autowired WorldStore world;
    @Autowired WorldClock clock;
    @Autowired MigrationPlan plan;

    private String prod;

    @BeforeEach
    void aSnapshotTakenBeforeThePasswordChanged() {
        world.reset();
        prod = plan.rds().instanceId();
        rds.ensureSnapshot(prod, "cutover-r-day-1-0a1b2c3d", Map.of());
        clock.advance(Duration.ofMinutes(1));
        rds.changeMasterPassword(prod, "Xq7-vT2!pL9#mR4$kW8%zN3^bJ6&cH1*");
        clock.advance(Duration.ofMinutes(1));
        rds.ensurePubliclyAccessible(prod, false);
        clock.advance(Duration.ofMinutes(1));
    }

    @Test
    void aRestoreIsANewInstanceCreatingThenAvailableWithTheSnapshotsPasswordAndTheSourcesNetwork() {
        Ensured<DbInstance> restored = rds.ensureRestoredFromSnapshot(prod, "cutover-r-day-1-0a1b2c3d", prod + "-restored-1");

        assertThat(restored.changed()).isTrue();
        assertThat(restored.value().status()).isEqualTo("creating");
        assertThat(restored.value().publiclyAccessible()).isFalse();
        clock.advance(SimulatedRds.RESTORE_TAKES);
        assertThat(rds.instance(prod + "-restored-1").available()).isTrue();
        JsonNode shown = world.toTree(rds.view()).path("instances").path(prod + "-restored-1");
        assertThat(shown.path("restoredFrom").asText()).isEqualTo("cutover-r-day-1-0a1b2c3d");
        assertThat(shown.path("passwordVersion").asInt()).isEqualTo(1);
        assertThat(shown.path("postgresPort").asText()).startsWith("open");
        assertThat(world.toTree(rds.view()).path("instances").path(prod).path("passwordVersion").asInt()).isEqualTo(2);
    }

    @Test
    void aSecondRestoreToTheSameNameIsAlreadyDone() {
        rds.ensureRestoredFromSnapshot(prod, "cutover-r-day-1-0a1b2c3d", prod + "-restored-1");

        assertThat(rds.ensureRestoredFromSnapshot(prod, "cutover-r-day-1-0a1b2c3d", prod + "-restored-1").changed())
                .isFalse();
    }

    @Test
    void aSnapshotThatDoesNotExistIsRefusedByName() {
        assertThatThrownBy(() -> rds.ensureRestoredFromSnapshot(prod, "cutover-r-day-9-ffffffff", prod + "-restored-2"))
                .isInstanceOf(StepFailedException.class).hasMessageContaining("cutover-r-day-9-ffffffff");
        assertThat(world.toTree(rds.view()).path("instances").has(prod + "-restored-2")).isFalse();
    }
}

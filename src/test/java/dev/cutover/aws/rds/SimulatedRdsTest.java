package dev.cutover.aws.rds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.SimulatedOutage;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.step.Ensured;
import dev.cutover.step.Outcome;
import dev.cutover.step.StepFailedException;
import dev.cutover.support.SimulatedWorldTest;
import dev.cutover.support.SimulatedWorldTest.WorldClock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/** The production database in the rehearsal's world on Day 2: a new password, then not public. */
@SimulatedWorldTest
@Import(SimulatedRds.class)
class SimulatedRdsTest {

    private static final String PASSWORD = "Xq7-vT2!pL9#mR4$kW8%zN3^bJ6&cH1*";

    @Autowired SimulatedRds rds;
    @Autowired WorldStore world;
    @Autowired Faults faults;
    @Autowired WorldClock clock;
    @Autowired MigrationPlan plan;

    private String prod;

    @BeforeEach
    void worldAsTheRunbookFindsIt() {
        world.reset();
        prod = plan.rds().instanceId();
    }

    @Test
    void theDatabaseIsPublicAndAvailableBeforeDay2() {
        DbInstance instance = rds.instance(prod);

        assertThat(instance.available()).isTrue();
        assertThat(instance.publiclyAccessible()).isTrue();
        assertThat(instance.passwordChangePending()).isFalse();
        assertThat(instance.endpointAddress()).startsWith(prod + ".").endsWith(".rds.amazonaws.com");
        assertThat(instanceInView().path("passwordVersion").asInt()).isEqualTo(1);
    }

    @Test
    void aNewPasswordResetsTheCredentialsForAFewSecondsThenTheDatabaseIsAvailable() {
        rds.changeMasterPassword(prod, PASSWORD);

        DbInstance resetting = rds.instance(prod);
        clock.advance(SimulatedRds.PASSWORD_RESET_TAKES);
        DbInstance after = rds.instance(prod);

        assertThat(resetting.status()).isEqualTo("resetting-master-credentials");
        assertThat(resetting.passwordChangePending()).isTrue();
        assertThat(after.available()).isTrue();
        assertThat(after.passwordChangePending()).isFalse();
        assertThat(instanceInView().path("passwordVersion").asInt()).isEqualTo(2);
    }

    @Test
    void theWorldNeverHoldsThePassword() {
        rds.changeMasterPassword(prod, PASSWORD);

        assertThat(world.toTree(rds.view()).toString()).doesNotContain(PASSWORD);
        assertThat(world.stored().toString()).doesNotContain(PASSWORD);
    }

    @Test
    void refusesAPasswordRdsWouldRejectAndChangesNothing() {
        assertThatThrownBy(() -> rds.changeMasterPassword(prod, "has@sign-in-it"))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(thrown -> assertThat(thrown.getMessage()).doesNotContain("has@sign-in-it"));
        assertThat(instanceInView().path("passwordVersion").asInt()).isEqualTo(1);
    }

    @Test
    void theSlowFaultKeepsTheNextResetGoingPastTheDowntimeLimit() {
        faults.arm("rds.password.slow", 1);

        rds.changeMasterPassword(prod, PASSWORD);
        clock.advance(Duration.ofSeconds(60));

        assertThat(rds.instance(prod).status()).isEqualTo("resetting-master-credentials");
        clock.advance(Duration.ofSeconds(30));
        assertThat(rds.instance(prod).available()).isTrue();
    }

    @Test
    void aBusyInstanceRefusesAnotherChangeUntilItIsAvailable() {
        rds.changeMasterPassword(prod, PASSWORD);

        assertThatThrownBy(() -> rds.ensurePubliclyAccessible(prod, false))
                .isInstanceOf(IllegalStateException.class)
                .isNotInstanceOf(StepFailedException.class)
                .hasMessageContainingAll(prod, "InvalidDBInstanceState");
        clock.advance(SimulatedRds.PASSWORD_RESET_TAKES);
        assertThat(rds.ensurePubliclyAccessible(prod, false).changed()).isTrue();
    }

    @Test
    void makingItNotPublicAppliesAtOnceWhileTheInstanceIsModifying() {
        Ensured<DbInstance> result = rds.ensurePubliclyAccessible(prod, false);

        assertThat(result.outcome()).isEqualTo(Outcome.CHANGED);
        assertThat(result.value().publiclyAccessible()).isFalse();
        assertThat(result.value().status()).isEqualTo("modifying");
        clock.advance(SimulatedRds.PUBLIC_ACCESS_CHANGE_TAKES);
        assertThat(rds.instance(prod).available()).isTrue();
        assertThat(instanceInView().path("publiclyAccessible").asBoolean()).isFalse();
    }

    @Test
    void aDatabaseAlreadyPrivateIsAlreadyDone() {
        rds.ensurePubliclyAccessible(prod, false);
        clock.advance(SimulatedRds.PUBLIC_ACCESS_CHANGE_TAKES);

        Ensured<DbInstance> again = rds.ensurePubliclyAccessible(prod, false);

        assertThat(again.outcome()).isEqualTo(Outcome.ALREADY_DONE);
        assertThat(again.value().available()).isTrue();
    }

    @Test
    void theCompensationMakesItPublicAgain() {
        rds.ensurePubliclyAccessible(prod, false);
        clock.advance(SimulatedRds.PUBLIC_ACCESS_CHANGE_TAKES);

        Ensured<DbInstance> reopened = rds.ensurePubliclyAccessible(prod, true);

        assertThat(reopened.changed()).isTrue();
        assertThat(rds.instance(prod).publiclyAccessible()).isTrue();
    }

    @Test
    void namesAnInstanceTheWorldDoesNotHave() {
        assertThatThrownBy(() -> rds.instance("staging-db"))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("'staging-db'");
    }

    @Test
    void anOutageFailsTheNextCallOnly() {
        faults.arm("rds.outage", 1);

        assertThatThrownBy(() -> rds.changeMasterPassword(prod, PASSWORD)).isInstanceOf(SimulatedOutage.class);
        assertThat(instanceInView().path("passwordVersion").asInt()).isEqualTo(1);
        rds.changeMasterPassword(prod, PASSWORD);
        assertThat(instanceInView().path("passwordVersion").asInt()).isEqualTo(2);
    }

    @Test
    void keepsAFingerprintOfTheNewPassword_neverShown() throws Exception {
        assertThat(storedInstance().has("passwordFingerprint")).isFalse();

        rds.changeMasterPassword(prod, PASSWORD);

        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(PASSWORD.getBytes(StandardCharsets.UTF_8)));
        assertThat(storedInstance().path("passwordFingerprint").asText()).isEqualTo(sha256);
        assertThat(instanceInView().has("passwordFingerprint")).isFalse();
        assertThat(world.toTree(rds.view()).toString()).doesNotContain(sha256);
    }

    @Test
    void thePostgresPortIsOpenToEveryoneBeforeDay2() {
        assertThat(instanceInView().path("postgresPort").asText()).isEqualTo("open to 0.0.0.0/0");
    }

    @Test
    void closingThePostgresPortsTakesEffectWhenThePlaybookSucceeds() {
        Instant succeedsAt = clock.instant().plusSeconds(7);

        boolean changes = rds.closePostgresPortsAt(succeedsAt);

        assertThat(changes).isTrue();
        assertThat(instanceInView().path("postgresPort").asText()).isEqualTo("open to 0.0.0.0/0");
        clock.advance(Duration.ofSeconds(7));
        assertThat(instanceInView().path("postgresPort").asText())
                .isEqualTo("closed (only the Lambda security group)");
    }

    @Test
    void closingThemAgainChangesNothing_andCreateStorageOpensThemAgain() {
        rds.closePostgresPortsAt(clock.instant());

        boolean closedAgain = rds.closePostgresPortsAt(clock.instant().plusSeconds(7));
        boolean reopened = rds.openPostgresPortsAt(clock.instant().plusSeconds(14));

        assertThat(closedAgain).isFalse();
        assertThat(reopened).isTrue();
        clock.advance(Duration.ofSeconds(13));
        assertThat(instanceInView().path("postgresPort").asText()).startsWith("closed");
        clock.advance(Duration.ofSeconds(1));
        assertThat(instanceInView().path("postgresPort").asText()).isEqualTo("open to 0.0.0.0/0");
    }

    private JsonNode storedInstance() {
        JsonNode stored = world.stored().get(SimulatedRds.SYSTEM);
        return stored == null ? MissingNode.getInstance() : stored.path("instances").path(prod);
    }

    private JsonNode instanceInView() {
        return world.toTree(rds.view()).path("instances").path(prod);
    }
}

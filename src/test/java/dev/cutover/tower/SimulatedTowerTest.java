package dev.cutover.tower;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.aws.iam.AccessKey;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.SimulatedOutage;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.step.Ensured;
import dev.cutover.step.StepFailedException;
import dev.cutover.support.CutoverEngineTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@CutoverEngineTest
class SimulatedTowerTest {

    private static final String SECRET = "rehearsal/new/tower/secret/0000000000000";

    @Autowired SimulatedTower tower;
    @Autowired WorldStore world;
    @Autowired Faults faults;
    @Autowired MigrationPlan plan;
    @Autowired Clock clock;

    @BeforeEach
    void freshWorld() {
        world.reset();
    }

    @Test
    void theProdInventoryIsMissingAtFirst_soEnsuringItCreatesItOnce() {
        MigrationPlan.Inventory inventory = plan.tower().inventory();
        String organization = plan.tower().organization();

        Ensured<Long> first = tower.ensureInventory(inventory.name(), organization, inventory.variables());
        Ensured<Long> again = tower.ensureInventory(inventory.name(), organization, inventory.variables());

        assertThat(first.changed()).isTrue();
        assertThat(again).isEqualTo(Ensured.alreadyDone(first.value()));
        assertThat(world.toTree(tower.view()).at("/inventories/" + inventory.name() + "/variables/stage").asText())
                .isEqualTo("production");
    }

    @Test
    void ensuringAnInventoryInAnUnknownOrganizationFails() {
        assertThatThrownBy(() -> tower.ensureInventory("clearmyrecord prod", "Nobody", Map.of()))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("AWX has no organization named 'Nobody'");
    }

    @Test
    void theRunZappaCommandTemplateIsAddedOnce_againstTheProdInventory() {
        MigrationPlan.TemplateSpec spec = plan.tower().runZappaCommand();
        String inventory = plan.tower().inventory().name();
        tower.ensureInventory(inventory, plan.tower().organization(), plan.tower().inventory().variables());

        Ensured<Long> first = tower.ensureJobTemplate(spec.name(), spec.project(), spec.playbook(), inventory);
        Ensured<Long> again = tower.ensureJobTemplate(spec.name(), spec.project(), spec.playbook(), inventory);

        assertThat(first.changed()).isTrue();
        assertThat(again).isEqualTo(Ensured.alreadyDone(first.value()));
        assertThat(world.toTree(tower.view()).at("/jobTemplates/" + spec.name() + "/askVariablesOnLaunch").asBoolean())
                .isTrue();
    }

    @Test
    void aTemplateAgainstAnInventoryNotYetCreatedIsRefused() {
        MigrationPlan.TemplateSpec spec = plan.tower().runZappaCommand();

        assertThatThrownBy(() -> tower.ensureJobTemplate(spec.name(), spec.project(), spec.playbook(),
                plan.tower().inventory().name()))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("AWX has no inventory named '" + plan.tower().inventory().name() + "'");
    }

    @Test
    void aPlaybookTheProjectDoesNotHaveIsRefused() {
        MigrationPlan.TemplateSpec spec = plan.tower().runZappaCommand();
        String inventory = plan.tower().inventory().name();
        tower.ensureInventory(inventory, plan.tower().organization(), Map.of());

        assertThatThrownBy(() -> tower.ensureJobTemplate(spec.name(), spec.project(), "nope.yml", inventory))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("Playbook not found for project");
    }

    @Test
    void aLaunchWhoseAnswerIsLostStartsItsJob_andTheJobIsFoundByItsMarker() {
        String template = plan.tower().jobTemplates().deployZappa().name();
        Instant before = clock.instant();
        tower.launchJob(template, Map.of(TowerPort.LAUNCH_MARKER, "run-a/step/attempt-1"));
        faults.arm("tower.launch.answer-lost", 1);

        assertThatThrownBy(() -> tower.launchJob(template, Map.of(TowerPort.LAUNCH_MARKER, "run-a/step/attempt-2")))
                .isInstanceOf(TowerUnavailableException.class)
                .hasMessageContaining("AWX did not answer")
                .hasMessageContaining("it carries cutover_launch=run-a/step/attempt-2 to be found by");

        assertThat(tower.jobLaunchedWith(template, "run-a/step/attempt-2", before)).map(TowerJob::id).hasValue(102L);
        assertThat(tower.jobLaunchedWith(template, "run-a/step/attempt-1", before)).map(TowerJob::id).hasValue(101L);
        assertThat(tower.jobLaunchedWith(template, "run-a/step/attempt-3", before)).isEmpty();
        assertThat(tower.jobLaunchedWith(plan.tower().jobTemplates().createStorage().name(), "run-a/step/attempt-2",
                before)).isEmpty();
        // only jobs created since (less 15 minutes for the clocks' skew) are looked at
        assertThat(tower.jobLaunchedWith(template, "run-a/step/attempt-2", before.plus(Duration.ofMinutes(16))))
                .isEmpty();
    }

    @Test
    void theAwsCredentialHoldsTheTowerUsersFirstKeyAtFirst() {
        assertThat(tower.awsCredentialKeyId(plan.tower().awsCredential()))
                .isEqualTo(SimulatedTower.INITIAL_TOWER_KEY_ID);
    }

    @Test
    void anUpdatedCredentialShowsTheNewKeyId_butNeverTheSecret() {
        AccessKey key = new AccessKey(plan.iam().towerUser().name(), "AKIAREHEARSALTOWER02", SECRET);

        tower.updateAwsCredential(plan.tower().awsCredential(), key);

        assertThat(tower.awsCredentialKeyId(plan.tower().awsCredential())).isEqualTo("AKIAREHEARSALTOWER02");
        assertThat(world.toTree(tower.view()).toString()).contains("AKIAREHEARSALTOWER02").doesNotContain(SECRET);
        assertThat(world.stored().get(SimulatedTower.SYSTEM).toString()).doesNotContain(SECRET);
    }

    @Test
    void aCredentialOfAnotherTypeIsRefused() {
        AccessKey key = new AccessKey(plan.iam().towerUser().name(), "AKIAREHEARSALTOWER02", SECRET);

        assertThatThrownBy(() -> tower.updateAwsCredential(plan.name() + " GitHub", key))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("is of type 'Source Control', not \"Amazon Web Services\"")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void anOutageFailsTheNextCallOnly() {
        faults.arm("tower.outage", 1);

        assertThatThrownBy(() -> tower.awsCredentialKeyId(plan.tower().awsCredential()))
                .isInstanceOf(SimulatedOutage.class);
        assertThat(tower.awsCredentialKeyId(plan.tower().awsCredential())).isNotNull();
    }
}

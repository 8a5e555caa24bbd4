package dev.cutover.aws.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.plan.MigrationPlan;
import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.SimulatedOutage;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.step.Outcome;
import dev.cutover.step.StepFailedException;
import dev.cutover.support.SimulatedWorldTest;
import dev.cutover.support.SimulatedWorldTest.WorldClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

@SimulatedWorldTest
@Import(SimulatedIam.class)
class SimulatedIamTest {

    @Autowired SimulatedIam iam;
    @Autowired WorldStore world;
    @Autowired Faults faults;
    @Autowired WorldClock clock;
    @Autowired MigrationPlan plan;

    private MigrationPlan.IamUser tower;
    private MigrationPlan.IamUser heroku;

    @BeforeEach
    void worldAsTheRunbookFindsIt() {
        world.reset();
        tower = plan.iam().towerUser();
        heroku = plan.iam().herokuInterimUser();
    }

    @Test
    void theTowerUserAlreadyExistsWithItsPolicyAndOneKey() {
        List<String> keys = iam.accessKeyIds(tower.name());

        assertThat(keys).containsExactly(dev.cutover.rehearsal.RehearsalKeys.TOWER_USER_KEY_ID);
        assertThat(keys.get(0)).matches("AKIA[0-9A-Z]{16}");
        assertThat(iam.ensureUser(tower.name(), tower.policyArn(), Map.of()).outcome())
                .isEqualTo(Outcome.ALREADY_DONE);
    }

    @Test
    void theHerokuInterimUserDoesNotExistYet() {
        assertThatThrownBy(() -> iam.accessKeyIds(heroku.name()))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining(heroku.name());
        assertThat(iam.ensureUserDeleted(heroku.name()).outcome()).isEqualTo(Outcome.ALREADY_DONE);
    }

    @Test
    void makesTheInterimUserWithItsPolicyOnce() {
        var first = iam.ensureUser(heroku.name(), heroku.policyArn(), Map.of("cutover", "clearmyrecord"));
        var again = iam.ensureUser(heroku.name(), heroku.policyArn(), Map.of("cutover", "clearmyrecord"));

        assertThat(first.outcome()).isEqualTo(Outcome.CHANGED);
        assertThat(first.value()).isEqualTo("arn:aws:iam::123456789012:user/" + heroku.name());
        assertThat(again.outcome()).isEqualTo(Outcome.ALREADY_DONE);
        assertThat(world.toTree(iam.view()).at("/users/" + heroku.name() + "/policies/0").asText())
                .isEqualTo(heroku.policyArn());
    }

    @Test
    void handsANewKeysSecretOutOnceAndKeepsOnlyItsId() {
        iam.ensureUser(heroku.name(), heroku.policyArn(), Map.of());

        AccessKey key = iam.createAccessKey(heroku.name());

        assertThat(key.accessKeyId()).matches("AKIA[0-9A-Z]{16}");
        assertThat(key.secretAccessKey()).hasSize(40);
        assertThat(iam.accessKeyIds(heroku.name())).containsExactly(key.accessKeyId());
        assertThat(world.toTree(iam.view()).toString()).contains(key.accessKeyId()).doesNotContain(key.secretAccessKey());
        assertThat(world.stored().toString()).doesNotContain(key.secretAccessKey());
        assertThat(key.toString()).doesNotContain(key.secretAccessKey());
    }

    @Test
    void refusesAThirdKeyAndNamesTheOldest() {
        String original = iam.accessKeyIds(tower.name()).get(0);
        clock.advance(Duration.ofSeconds(1));
        iam.createAccessKey(tower.name());

        assertThatThrownBy(() -> iam.createAccessKey(tower.name()))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContainingAll(tower.name(), "delete the oldest (" + original + ")");
        assertThat(iam.accessKeyIds(tower.name())).hasSize(2).first().isEqualTo(original);
    }

    @Test
    void rotatesAKeyByDeletingTheOldOne() {
        String original = iam.accessKeyIds(tower.name()).get(0);
        AccessKey fresh = iam.createAccessKey(tower.name());

        iam.deleteAccessKey(tower.name(), original);
        iam.deleteAccessKey(tower.name(), original);

        assertThat(iam.accessKeyIds(tower.name())).containsExactly(fresh.accessKeyId());
    }

    @Test
    void deletesTheInterimUserWithItsKeysOnce() {
        iam.ensureUser(heroku.name(), heroku.policyArn(), Map.of());
        iam.createAccessKey(heroku.name());

        var deleted = iam.ensureUserDeleted(heroku.name());
        var again = iam.ensureUserDeleted(heroku.name());

        assertThat(deleted.outcome()).isEqualTo(Outcome.CHANGED);
        assertThat(again.outcome()).isEqualTo(Outcome.ALREADY_DONE);
        assertThat(world.toTree(iam.view()).path("users").has(heroku.name())).isFalse();
    }

    @Test
    void keepsEveryCallThatChangedIamAfterTheUserIsGoneAndNoneThatChangedNothing() {
        iam.ensureUser(heroku.name(), heroku.policyArn(), Map.of());
        iam.ensureUser(heroku.name(), heroku.policyArn(), Map.of());
        AccessKey key = iam.createAccessKey(heroku.name());
        iam.ensureUserDeleted(heroku.name());
        iam.ensureUserDeleted(heroku.name());
        iam.deleteAccessKey(heroku.name(), key.accessKeyId());

        var events = world.toTree(iam.view()).path("events");

        assertThat(events.findValuesAsText("call")).containsExactly("CreateUser", "CreateAccessKey", "DeleteUser");
        assertThat(events.get(1).path("accessKeyId").asText()).isEqualTo(key.accessKeyId());
        assertThat(events.toString()).doesNotContain(key.secretAccessKey());
    }

    @Test
    void anOutageFailsTheNextCallOnly() {
        faults.arm("iam.outage", 1);

        assertThatThrownBy(() -> iam.accessKeyIds(tower.name())).isInstanceOf(SimulatedOutage.class);
        assertThat(iam.accessKeyIds(tower.name())).hasSize(1);
    }
}

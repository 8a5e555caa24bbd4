package dev.cutover.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.aws.s3.SimulatedS3;
import dev.cutover.aws.secrets.SecretStorePort;
import dev.cutover.heroku.HerokuPort;
import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.rehearsal.Fingerprint;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.support.CutoverEngineTest;
import dev.cutover.support.Jobs;
import dev.cutover.support.WorldViews;
import dev.cutover.support.TestClock;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@CutoverEngineTest
class RollbackDataCorruptedTest {

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired Jobs jobs;
    @Autowired TestClock clock;
    @Autowired WorldStore world;
    @Autowired Ledger ledger;
    @Autowired MigrationPlan plan;
    @Autowired HerokuPort heroku;
    @Autowired SecretStorePort secrets;
    @Autowired SimulatedS3 s3;
    @Autowired WorldViews views;

    private RunThroughPhases phases;

    @BeforeEach
    void freshWorld() {
        BpmnAwareTests.init(engine);
        clock.reset();
        world.reset();
        phases = new RunThroughPhases(runtime, tasks, jobs);
    }

    @Test
    void theLeadPicksDay1sSnapshotTheDatabaseIsRestoredFromItTheAppPointedAtItAndTheNewerFilesListed() {
        phases.throughDay2("broken");
        clock.advance(Duration.ofHours(20));
        s3.put(plan.buckets().media(), "petitions/2026/petition-from-broken-data.pdf", 48_213);
        s3.put(plan.buckets().media(), "uploads/photos/2026/id-after-the-launch.jpg", 310_992);
        String day1Snapshot = snapshotOf("broken", "day-1");

        ProcessInstance rollback = runtime.startProcessInstanceByKey("rollback-data-corrupted", "broken");
        jobs.runAll(rollback.getId());
        assertThat(rollback).isWaitingAt("pickCleanSnapshot");
        assertThat((String) variable(rollback, "cleanSnapshots")).contains(day1Snapshot)
                .contains(snapshotOf("broken", "day-0")).contains("(day-1)");

        phases.complete(rollback, "pickCleanSnapshot", Map.of("approved", true, "snapshot", day1Snapshot,
                "notes", "applications look fine up to the launch"));
        jobs.runAll(rollback.getId());

        assertThat(rollback).isWaitingAt("rebuildFiles").hasPassed("rollBackDatabaseToCleanState",
                "checkRestoredDatabase", "pointAppAtRestoredDatabase", "listFilesToRebuild");
        String restored = (String) variable(rollback, "databaseInstance");
        JsonNode instance = view("rds").path("instances").path(restored);
        assertThat(instance.path("restoredFrom").asText()).isEqualTo(day1Snapshot);
        assertThat(instance.path("status").asText()).isIn("available", "resetting-master-credentials");
        String password = secrets.read(secretOf("broken"));
        assertThat(stored("rds").path("instances").path(restored).path("passwordFingerprint").asText())
                .isEqualTo(Fingerprint.of(password));
        assertThat(heroku.configVars(plan.heroku().app()).get(plan.rds().urlVariable()))
                .contains("@" + instance.path("endpointAddress").asText() + ":")
                .contains(":" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "@");
        assertThat((Long) variable(rollback, "filesToRebuildCount")).isEqualTo(2L);
        assertThat((String) variable(rollback, "filesToRebuild"))
                .contains("petitions/2026/petition-from-broken-data.pdf")
                .contains("uploads/photos/2026/id-after-the-launch.jpg")
                .doesNotContain("petitions/2017/");
        assertThat(ledger.entries("broken")).anySatisfy(entry -> {
            assertThat(entry.step()).isEqualTo("List the files to rebuild");
            assertThat(entry.detail()).contains("2 objects").contains("petition-from-broken-data.pdf");
        });

        phases.complete(rollback, "rebuildFiles", Map.of("approved", true));
        jobs.runAll(rollback.getId());
        ProcessInstance afterDay2 = phases.calledBy(rollback);
        assertThat(afterDay2.getBusinessKey()).isEqualTo("broken");
        jobs.runAll(afterDay2.getId());

        assertThat(afterDay2).isWaitingAt("quickUatOfHerokuApp");
        JsonNode now = view("rds").path("instances").path(restored);
        assertThat(now.path("publiclyAccessible").asBoolean()).isTrue();
        assertThat(now.path("postgresPort").asText()).startsWith("open");
        assertThat(stored("heroku").path("apps").path(plan.heroku().app()).path("maintenance").asBoolean()).isFalse();
        assertThat(outcomes("broken", "rollback-after-day-2")).containsEntry("Make RDS public", "undone");
    }

    @Test
    void aSnapshotTheRunDidNotTakeIsRefusedAndNothingChanges() {
        phases.throughDay1("unknown");
        ProcessInstance rollback = runtime.startProcessInstanceByKey("rollback-data-corrupted", "unknown");
        jobs.runAll(rollback.getId());
        Task pick = tasks.createTaskQuery().processInstanceId(rollback.getId()).singleResult();

        assertThatThrownBy(() -> tasks.complete(pick.getId(), Map.of("approved", true, "snapshot", "rds:some-other-backup")))
                .hasMessageContaining("'snapshot': one of [cutover-unknown-day-0-")
                .hasMessageContaining("not 'rds:some-other-backup'");

        assertThat(rollback).isWaitingAt("pickCleanSnapshot");
        assertThat(view("rds").path("instances").size()).isEqualTo(1);
    }

    @Test
    void aLeadWhoDoesNotPickEndsItWithNothingChanged() {
        phases.throughDay1("not-now");
        ProcessInstance rollback = runtime.startProcessInstanceByKey("rollback-data-corrupted", "not-now");

        phases.complete(rollback, "pickCleanSnapshot", Map.of("approved", false, "notes", "the data is fine after all"));
        jobs.runAll(rollback.getId());

        assertThat(rollback).isEnded().hasPassed("rollbackNotStarted").hasNotPassed("rollBackDatabaseToCleanState");
        assertThat(view("rds").path("instances").size()).isEqualTo(1);
    }

    private String snapshotOf(String run, String phase) {
        return ledger.entries(run).stream().filter(entry -> entry.phase().equals(phase))
                .map(entry -> entry.undo().get("snapshotId")).filter(id -> id != null).findFirst().orElseThrow();
    }

    private String secretOf(String run) {
        return ledger.entries(run).stream().map(entry -> entry.undo().get("passwordSecretArn"))
                .filter(arn -> arn != null).findFirst().orElseThrow();
    }

    private Object variable(ProcessInstance instance, String name) {
        return engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
                .variableName(name).singleResult().getValue();
    }

    private JsonNode stored(String system) {
        return world.stored().get(system);
    }

    private JsonNode view(String system) {
        return views.view(system);
    }

    private Map<String, String> outcomes(String run, String phase) {
        Map<String, String> last = new LinkedHashMap<>();
        ledger.entries(run).stream().filter(entry -> entry.phase().equals(phase))
                .forEach(entry -> last.put(entry.step(), entry.outcome().label()));
        return last;
    }
}

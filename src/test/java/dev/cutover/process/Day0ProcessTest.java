package dev.cutover.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.aws.rds.RdsPort;
import dev.cutover.aws.s3.BucketEncryption;
import dev.cutover.aws.s3.S3Port;
import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.support.CutoverEngineTest;
import dev.cutover.support.EarlierPhases;
import dev.cutover.support.Jobs;
import dev.cutover.support.TestClock;
import dev.cutover.tower.TowerPort;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@CutoverEngineTest
class Day0ProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired ManagementService management;
    @Autowired Jobs jobs;
    @Autowired EarlierPhases phases;
    @Autowired TestClock clock;
    @Autowired WorldStore world;
    @Autowired Faults faults;
    @Autowired Ledger ledger;
    @Autowired MigrationPlan plan;
    @Autowired S3Port s3;
    @Autowired TowerPort tower;
    @Autowired RdsPort rds;

    @BeforeEach
    void freshWorld() {
        BpmnAwareTests.init(engine);
        clock.reset();
        world.reset();
    }

    @Test
    void day0EndsWithTheSnapshotAvailableThePlaybookRunAndTheBucketEncrypted() {
        ProcessInstance run = phases.start("day-0", "day0-happy");

        List<String> failures = jobs.runAll(run.getId());

        assertThat(failures).isEmpty();
        assertThat(run).isEnded()
                .hasPassed("runSnapshotOnProd", "checkSnapshot", "runCreateStoragePlaybooks",
                        "checkCreateStoragePlaybooks", "turnOnBucketEncryption")
                .hasNotPassed("relaunchCreateStoragePlaybooks");
        String snapshot = (String) historicVariable(run, "snapshotId");
        assertThat(snapshot).startsWith("cutover-day0-happy-day-0-");
        assertThat(snapshotStatus(snapshot)).isEqualTo("available");
        assertThat(s3.bucketEncryption(plan.buckets().media())).isEqualTo(BucketEncryption.sseS3());
        assertThat(tower.job(101).successful()).isTrue();
        assertThat(steps("day0-happy")).containsExactly(
                "Run snapshot on prod: changed",
                "Run create_storage playbooks: checked",
                "Run create_storage playbooks: changed",
                "Turn on bucket encryption for the media bucket: changed");
        assertThat(ledger.entries("day0-happy").get(0).undo())
                .containsEntry("snapshotId", snapshot)
                .containsEntry("dbInstanceId", plan.rds().instanceId());
    }

    @Test
    void whileTheSnapshotIsTakenTheRunWaitsOnATimerAndShowsItsProgress() {
        ProcessInstance run = phases.start("day-0", "day0-progress");
        Job first = management.createJobQuery().processInstanceId(run.getId()).singleResult();

        management.executeJob(first.getId());

        assertThat(run).isWaitingAt("waitForSnapshot")
                .variables().containsEntry("snapshotStatus", "creating").containsEntry("snapshotAvailable", false)
                .containsKey("snapshotProgress");
    }

    @Test
    void aSnapshotThatEndsFailedIsAnIncidentNotASilentPass() {
        faults.arm("rds.snapshot.fails", 1);
        ProcessInstance run = phases.start("day-0", "day0-snapshot-fails");

        jobs.runAll(run.getId());

        assertThat(run).isNotEnded().hasNotPassed("runCreateStoragePlaybooks");
        Incident incident = incident(run);
        assertThat(incident.getActivityId()).isEqualTo("checkSnapshot");
        assertThat(incident.getIncidentMessage())
                .contains("cutover-day0-snapshot-fails-day-0-").contains("'failed'").contains("never become available");
        assertThat(steps("day0-snapshot-fails")).contains("Check the snapshot: failed");
        assertThat(world.stored().get("tower")).isNull();
    }

    @Test
    void aFailedPlaybookIsAnIncidentCarryingTheEndOfItsOutputAndARetryRelaunchesIt() {
        faults.arm("tower.job.fails", 1);
        ProcessInstance run = phases.start("day-0", "day0-playbook-fails");

        jobs.runAll(run.getId());

        Incident incident = incident(run);
        assertThat(incident.getActivityId()).isEqualTo("relaunchCreateStoragePlaybooks");
        assertThat(incident.getIncidentMessage())
                .contains("AWX job 101").contains("ended failed")
                .contains("fatal: [localhost]: FAILED!").contains("failed=1");
        assertThat(run).hasNotPassed("turnOnBucketEncryption");

        management.setJobRetries(incident.getConfiguration(), 1);
        jobs.runAll(run.getId());

        assertThat(run).isEnded().hasPassed("turnOnBucketEncryption");
        assertThat(tower.job(102).successful()).isTrue();
        assertThat(steps("day0-playbook-fails")).containsSubsequence(
                "Run create_storage playbooks: changed",
                "create_storage failed: fix it, then retry to relaunch: failed",
                "create_storage failed: fix it, then retry to relaunch: changed");
    }

    @Test
    void aLaunchWhoseAnswerWasLostIsFoundInAwxByItsMarker_notLaunchedASecondTime() {
        faults.arm("tower.launch.answer-lost", 1);
        ProcessInstance run = phases.start("day-0", "day0-answer-lost");

        List<String> failures = jobs.runAll(run.getId());

        assertThat(failures).singleElement().asString().contains("AWX did not answer")
                .contains("AWX may have started a job anyway: it carries cutover_launch=" + run.getId()
                        + "/runCreateStoragePlaybooks/attempt-1");
        assertThat(run).isEnded().hasPassed("turnOnBucketEncryption");
        assertThat(runtime.createIncidentQuery().processInstanceId(run.getId()).count()).isZero();
        JsonNode awxJobs = world.stored().get("tower").get("jobs");
        assertThat(awxJobs.size()).isEqualTo(1);
        assertThat(awxJobs.get("101").at("/extraVars/cutover_launch").asText())
                .isEqualTo(run.getId() + "/runCreateStoragePlaybooks/attempt-1");
        assertThat(ledger.entries("day0-answer-lost").stream()
                .filter(entry -> entry.activityId().equals("runCreateStoragePlaybooks"))
                .map(entry -> entry.outcome().label() + ": " + entry.detail()))
                .satisfiesExactly(
                        marked -> assertThat(marked).isEqualTo("checked: launching 'clearmyrecord create_storage prod'"
                                + " with cutover_launch=" + run.getId() + "/runCreateStoragePlaybooks/attempt-1, by which"
                                + " a retry finds its job"),
                        lost -> assertThat(lost).isEqualTo("failed: " + failures.get(0)),
                        found -> assertThat(found).startsWith("changed: AWX job 101 from template 'clearmyrecord"
                                + " create_storage prod' was launched by an earlier try of this attempt, found in AWX by"
                                + " its launch marker ("));
    }

    @Test
    void aBucketAlreadyEncryptedIsLeftAsItIsAndRecordedAsAlreadyDone() {
        s3.ensureBucketEncrypted(plan.buckets().media(), BucketEncryption.sseS3());
        ProcessInstance run = phases.start("day-0", "day0-encrypted");

        jobs.runAll(run.getId());

        assertThat(run).isEnded();
        assertThat(steps("day0-encrypted")).contains("Turn on bucket encryption for the media bucket: already done");
    }

    @Test
    void aTransientErrorIsRetriedByTheEngineAndTheRetrySucceeds() {
        faults.arm("rds.outage", 1);
        ProcessInstance run = phases.start("day-0", "day0-transient");

        List<String> failures = jobs.runAll(run.getId());

        assertThat(failures).singleElement().asString().contains("Throttling");
        assertThat(run).isEnded();
        assertThat(runtime.createIncidentQuery().processInstanceId(run.getId()).count()).isZero();
        assertThat(steps("day0-transient")).startsWith("Run snapshot on prod: failed", "Run snapshot on prod: changed");
        assertThat(world.stored().get("rds").get("snapshots").size()).isEqualTo(1);
    }

    @Test
    void aRetryAfterTheSnapshotWasTakenFindsItInsteadOfTakingASecond() {
        ProcessInstance run = phases.start("day-0", "day0-retry");
        String attemptsSnapshot = "cutover-day0-retry-day-0-" + run.getId().replace("-", "").substring(0, 8);
        rds.ensureSnapshot(plan.rds().instanceId(), attemptsSnapshot, Map.of());

        jobs.runAll(run.getId());

        assertThat(run).isEnded();
        assertThat(world.stored().get("rds").get("snapshots").size()).isEqualTo(1);
        assertThat(steps("day0-retry")).contains("Run snapshot on prod: already done");
    }

    @Test
    void aPhaseRunAgainAfterItEndedTakesAFreshSnapshotAndFindsTheRestAlreadyDone() {
        ProcessInstance first = phases.start("day-0", "day0-twice");
        jobs.runAll(first.getId());
        ProcessInstance second = phases.start("day-0", "day0-twice");

        jobs.runAll(second.getId());

        assertThat(second).isEnded();
        assertThat(world.stored().get("rds").get("snapshots").size()).isEqualTo(2);
        assertThat(ledger.entries("day0-twice").stream()
                .filter(entry -> entry.processInstanceId().equals(second.getId()))
                .map(entry -> entry.step() + ": " + entry.outcome().label()))
                .contains("Run snapshot on prod: changed",
                        "Turn on bucket encryption for the media bucket: already done");
    }

    @Test
    void aRunNeedsAWellFormedBusinessKeyAndOnlyOneDay0AtATime() {
        assertThatThrownBy(() -> runtime.startProcessInstanceByKey("day-0"))
                .hasMessageContaining("business key that names the run");
        assertThatThrownBy(() -> runtime.startProcessInstanceByKey("day-0", "Launch Day!"))
                .hasMessageContaining("'Launch Day!' cannot name a run");
        phases.start("day-0", "day0-once");
        assertThatThrownBy(() -> runtime.startProcessInstanceByKey("day-0", "day0-once"))
                .hasMessageContaining("already has day-0 running");
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("day-0")
                .processInstanceBusinessKey("day0-once").count()).isEqualTo(1);
    }

    private Object historicVariable(ProcessInstance run, String name) {
        return engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(run.getId())
                .variableName(name).singleResult().getValue();
    }

    private String snapshotStatus(String id) {
        return rds.snapshot(id).orElseThrow().status();
    }

    private Incident incident(ProcessInstance run) {
        List<Incident> incidents = runtime.createIncidentQuery().processInstanceId(run.getId()).list();
        assertThat(incidents).hasSize(1);
        return incidents.get(0);
    }

    private List<String> steps(String run) {
        return ledger.entries(run).stream()
                .map(entry -> entry.step() + ": " + entry.outcome().label())
                .toList();
    }
}

package dev.cutover.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.support.CutoverEngineTest;
import dev.cutover.support.EarlierPhases;
import dev.cutover.support.Jobs;
import dev.cutover.support.TestClock;
import dev.cutover.support.WorldViews;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Day 2 deletes the old media bucket a batch per job, however large it is: with batches of 10,
 * the 1,240 uploads take 125 jobs, each committing its progress where an operator reads it; a
 * job that is lost (a crash) costs one batch, and the next job goes on from what is left.
 */
@CutoverEngineTest
@TestPropertySource(properties = "cutover.plan.launch.sync-batch-size=10")
class Day2BucketDeletionBatchesTest {

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired ManagementService management;
    @Autowired HistoryService history;
    @Autowired Jobs jobs;
    @Autowired EarlierPhases phases;
    @Autowired TestClock clock;
    @Autowired WorldStore world;
    @Autowired WorldViews views;
    @Autowired Ledger ledger;
    @Autowired Faults faults;
    @Autowired MigrationPlan plan;
    @Autowired dev.cutover.aws.s3.SimulatedS3 s3;

    @BeforeEach
    void freshWorld() {
        BpmnAwareTests.init(engine);
        clock.reset();
        world.reset();
    }

    @Test
    void theOldBucketIsDeletedTenObjectsAJobWithItsProgressInAVariable() {
        launch("batches");
        ProcessInstance run = phases.start("day-2", "batches");
        complete(run, "confirmHerokuOff", Map.of("approved", true, "decision", "turn-off"));
        jobs.runAll(run.getId());
        long held = oldBucket().path("objects").asLong();
        assertThat(held).isGreaterThanOrEqualTo(1240);
        complete(run, "confirmDeleteOldBucket", Map.of("approved", true, "notes", "verified, delete it"));

        for (int batch = 0; batch < 3; batch++) {
            Job next = management.createJobQuery().processInstanceId(run.getId()).activityId("deleteOldMediaBucket")
                    .singleResult();
            assertThat(next).as("one job per batch").isNotNull();
            management.executeJob(next.getId());
        }

        assertThat(run).isWaitingAt("deleteOldMediaBucket");
        assertThat((String) runtime.getVariable(run.getId(), "oldBucketDeleteProgress"))
                .isEqualTo("30 objects deleted in 3 batches so far");
        assertThat(oldBucket().path("objects").asLong()).isEqualTo(held - 30);
        assertThat(oldBucket().path("objectsDeleted").asLong()).isEqualTo(30);

        // a job that deleted its batch and was lost before it committed (a crash): its objects are gone,
        // its progress is not; the next job goes on from what the listing still holds
        assertThat(s3.deleteBucketBatch(plan.buckets().oldMedia(), 10).deleted()).isEqualTo(10);
        jobs.runAll(run.getId());

        assertThat(run).isEnded().hasPassed("oldBucketGone", "day2Done");
        long byJobs = held - 10;
        long batches = 3 + (held - 40 + 9) / 10 + 1;
        assertThat(history.createHistoricJobLogQuery().processInstanceId(run.getId()).activityIdIn("deleteOldMediaBucket")
                .successLog().count()).isEqualTo(batches);
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(run.getId())
                .variableName("oldBucketDeleteProgress").singleResult().getValue())
                .isEqualTo(String.format("%,d objects deleted in %d batches, the bucket is gone", byJobs, batches));
        assertThat(oldBucket().path("deleted").asBoolean()).isTrue();
        assertThat(oldBucket().path("objectsHeld").asLong()).isEqualTo(held);
        assertThat(ledger.entries("batches")).filteredOn(entry -> entry.step().equals("Delete the old media bucket"))
                .singleElement().satisfies(entry -> assertThat(entry.detail()).isEqualTo(plan.buckets().oldMedia()
                        + String.format(" deleted with its %,d objects, in %d batches; this cannot be undone", byJobs,
                        batches)));
    }

    @Test
    void aBucketThatListsEmptyButIsRefusedAsNotEmptyStopsTheLoopWithAnIncident_andARetryAfterwardsDeletesIt() {
        launch("not-empty");
        ProcessInstance run = phases.start("day-2", "not-empty");
        complete(run, "confirmHerokuOff", Map.of("approved", true, "decision", "turn-off"));
        complete(run, "confirmDeleteOldBucket", Map.of("approved", true, "notes", "verified, delete it"));
        faults.arm("s3.bucket-not-empty", 1000);

        jobs.runAll(run.getId());

        Incident incident = runtime.createIncidentQuery().processInstanceId(run.getId()).singleResult();
        assertThat(incident).isNotNull();
        assertThat(incident.getActivityId()).isEqualTo("deleteOldMediaBucket");
        assertThat(incident.getIncidentMessage()).startsWith(plan.buckets().oldMedia() + " lists no objects, yet S3"
                + " refused to delete it as not empty (BucketNotEmpty) 5 times in a row");
        assertThat(run).isWaitingAt("deleteOldMediaBucket");
        assertThat(runtime.getVariable(run.getId(), "oldBucketRefusedNotEmpty")).isEqualTo(4);
        assertThat(oldBucket().path("deleted").asBoolean()).isFalse();

        // someone emptied what the listing did not show: the retry deletes the bucket
        faults.clear("s3.bucket-not-empty");
        management.setJobRetries(incident.getConfiguration(), 1);
        jobs.runAll(run.getId());

        assertThat(run).isEnded().hasPassed("day2Done");
        assertThat(oldBucket().path("deleted").asBoolean()).isTrue();
    }

    /** Day 1 to its end: the new site live, the old name redirected. */
    private void launch(String runKey) {
        assertThat(phases.launched(runKey)).isEnded().hasPassed("day1Done");
    }

    private void complete(ProcessInstance run, String taskKey, Map<String, Object> answer) {
        jobs.runThenComplete(run.getId(), taskKey, answer);
    }

    private com.fasterxml.jackson.databind.JsonNode oldBucket() {
        return views.view("s3").path("buckets").path(plan.buckets().oldMedia());
    }
}

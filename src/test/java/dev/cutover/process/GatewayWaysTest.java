package dev.cutover.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import dev.cutover.aws.s3.S3Port;
import dev.cutover.aws.s3.SimulatedS3;
import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.support.CutoverEngineTest;
import dev.cutover.support.EarlierPhases;
import dev.cutover.support.Jobs;
import dev.cutover.support.TestClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The gateways whose routing once hung on the order of the flows in the XML, or that forked and
 * joined at once: each test takes every way of one gateway, and shows where the run went after
 * each pass through it. "Repoint how?" takes its other way, the Deploy Zappa job, with the plan
 * that asks for it: {@link Day2AwxDeployTest}.
 */
@CutoverEngineTest
class GatewayWaysTest {

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired ManagementService management;
    @Autowired HistoryService history;
    @Autowired Jobs jobs;
    @Autowired TestClock clock;
    @Autowired WorldStore world;
    @Autowired Faults faults;
    @Autowired Ledger ledger;
    @Autowired EarlierPhases phases;
    @Autowired MigrationPlan plan;
    @Autowired S3Port s3;
    @Autowired SimulatedS3 simulatedS3;

    @BeforeEach
    void freshWorld() {
        BpmnAwareTests.init(engine);
        clock.reset();
        world.reset();
    }

    @Test
    void sameAsTheOldOneSyncsAgainWhileTheNewBucketDiffersThenUpdatesHeroku() {
        // given Heroku takes an upload while the first pass runs
        faults.arm("s3.upload-during-sync", 1);

        // when Day 1 syncs and verifies the new bucket
        ProcessInstance run = phases.start("day-1", "ways-same-as-old");
        jobs.runAll(run.getId());

        // then "Same as the old one?" first says sync again (its default flow), then yes
        assertThat(run).isWaitingAt("uatNewSite");
        assertThat(wayAfterEachPass(run, "newBucketSame", Set.of("syncNewBucket", "pointHerokuAtNewBucket")))
                .containsExactly("syncNewBucket", "pointHerokuAtNewBucket");
        assertThat(ledgerLines("ways-same-as-old"))
                .anySatisfy(line -> assertThat(line).startsWith("Verify the new bucket: ")
                        .contains("syncing again (pass 2)"));
        assertThat(s3.verifyCopy(plan.buckets().oldMedia(), plan.buckets().media()).same()).isTrue();
    }

    @Test
    void nothingLeftBehindSyncsAgainWhileAnObjectIsMissingThenGoesOn() {
        // given Day 1 has pointed Heroku at the new bucket and copied what arrived meanwhile
        ProcessInstance run = phases.start("day-1", "ways-left-behind");
        while (management.createJobQuery().processInstanceId(run.getId()).activityId("verifyNothingLeftBehind")
                .count() == 0) {
            assertThat(jobs.runNext(run.getId())).as("a job before 'Verify nothing was left behind'").isTrue();
        }
        // and a dyno still on the old config stores one more upload in the old bucket
        simulatedS3.put(plan.buckets().oldMedia(), "uploads/2024/late-from-an-old-dyno.pdf", 31_337);

        // when the run verifies and goes on
        jobs.runAll(run.getId());

        // then "Nothing left behind?" first says sync again (its default flow), then yes
        assertThat(run).isWaitingAt("uatNewSite");
        assertThat(wayAfterEachPass(run, "nothingLeftBehind", Set.of("catchUpNewBucket", "confirmHerokuSiteWorks")))
                .containsExactly("catchUpNewBucket", "confirmHerokuSiteWorks");
        assertThat(ledgerLines("ways-left-behind"))
                .anySatisfy(line -> assertThat(line).startsWith("Verify nothing was left behind: ")
                        .contains("uploads/2024/late-from-an-old-dyno.pdf").contains("syncing again (pass 2)"));
        assertThat(s3.verifyCopy(plan.buckets().oldMedia(), plan.buckets().media()).sourceCovered()).isTrue();
    }

    @Test
    void theLeadsRepointGoesBackThroughTheJoinAndRepointsTheAppAgain() {
        // given Day 1 is done and the password change takes longer than the downtime limit
        launch("ways-repoint");
        faults.arm("rds.password.slow", 1);
        ProcessInstance run = phases.start("day-2", "ways-repoint");
        complete(run, "confirmHerokuOff", Map.of("approved", true, "decision", "turn-off"));

        // when the lead, told the downtime was over the limit, repoints, then goes on
        complete(run, "downtimeOverLimit", Map.of("approved", true, "decision", "repoint"));
        complete(run, "downtimeOverLimit", Map.of("approved", true, "decision", "continue"));
        jobs.runAll(run.getId());

        // then the join is entered once from "the database is available again" and once from
        // "repoint again", and "Repoint how?" takes the plan's way (Lambda) both times
        assertThat(run).isWaitingAt("confirmDeleteOldBucket");
        assertThat(sequence(run, Set.of("databaseAvailableAgain", "downtimeDecision", "repointMerge", "repointHow",
                "repointApp", "runDeployZappaWithSecret")))
                .containsExactly("databaseAvailableAgain", "repointMerge", "repointHow", "repointApp",
                        "downtimeDecision", "repointMerge", "repointHow", "repointApp", "downtimeDecision");
    }

    /** After each pass through the gateway, the first of the given activities the run went to. */
    private List<String> wayAfterEachPass(ProcessInstance run, String gateway, Set<String> ways) {
        List<String> after = new ArrayList<>();
        boolean passed = false;
        for (String activity : sequence(run, union(ways, gateway))) {
            if (activity.equals(gateway)) {
                passed = true;
            } else if (passed) {
                after.add(activity);
                passed = false;
            }
        }
        return after;
    }

    /** The activities of the run among the given ones, in the order the run passed them. */
    private List<String> sequence(ProcessInstance run, Set<String> activities) {
        return history.createHistoricActivityInstanceQuery().processInstanceId(run.getId())
                .orderPartiallyByOccurrence().asc().list().stream()
                .map(HistoricActivityInstance::getActivityId).filter(activities::contains).toList();
    }

    private static Set<String> union(Set<String> ways, String gateway) {
        Set<String> all = new java.util.HashSet<>(ways);
        all.add(gateway);
        return all;
    }

    private List<String> ledgerLines(String runKey) {
        return ledger.entries(runKey).stream().map(entry -> entry.step() + ": " + entry.detail()).toList();
    }

    /** Day 1 to its end: the new site live, the old name redirected. */
    private void launch(String runKey) {
        ProcessInstance day1 = phases.start("day-1", runKey);
        for (String task : List.of("uatNewSite", "turnOffScheduledTasks", "uatTwilioVoicemail", "makeReallySure")) {
            complete(day1, task, "makeReallySure".equals(task)
                    ? Map.of("approved", true, "decision", "go") : Map.of("approved", true));
        }
        jobs.runAll(day1.getId());
        assertThat(day1).isEnded().hasPassed("day1Done");
    }

    private void complete(ProcessInstance run, String taskKey, Map<String, Object> answer) {
        jobs.runThenComplete(run.getId(), taskKey, answer);
    }
}

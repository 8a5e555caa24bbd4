package dev.cutover.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import dev.cutover.aws.s3.S3Port;
import dev.cutover.heroku.HerokuPort;
import dev.cutover.ledger.Ledger;
import dev.cutover.mailgun.MailgunPort;
import dev.cutover.namecheap.HostRecord;
import dev.cutover.namecheap.NamecheapPort;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.support.CutoverEngineTest;
import dev.cutover.support.EarlierPhases;
import dev.cutover.support.Jobs;
import dev.cutover.support.LogCapture;
import dev.cutover.support.SecretScan;
import dev.cutover.support.TestClock;
import dev.cutover.twilio.TwilioPort;
import java.net.URI;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

@CutoverEngineTest
class Day1ProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired ManagementService management;
    @Autowired Jobs jobs;
    @Autowired EarlierPhases phases;
    @Autowired TestClock clock;
    @Autowired WorldStore world;
    @Autowired Faults faults;
    @Autowired Ledger ledger;
    @Autowired MigrationPlan plan;
    @Autowired S3Port s3;
    @Autowired dev.cutover.aws.s3.SimulatedS3 buckets;
    @Autowired HerokuPort heroku;
    @Autowired TwilioPort twilio;
    @Autowired MailgunPort mailgun;
    @Autowired NamecheapPort namecheap;
    @Autowired DataSource dataSource;
    @RegisterExtension final LogCapture logs = new LogCapture();

    @BeforeEach
    void freshWorld() {
        BpmnAwareTests.init(engine);
        clock.reset();
        world.reset();
    }

    @Test
    void theLaunchMovesEverythingToTheNewSiteInTheRunbooksOrder() throws Exception {
        Map<String, String> herokuVars = heroku.configVars(plan.heroku().app());
        ProcessInstance run = phases.start("day-1", "launch-happy");

        jobs.runAll(run.getId());
        assertThat(run).isWaitingAt("uatNewSite").hasPassed("verifyNewBucket", "pointHerokuAtNewBucket",
                "confirmHerokuSiteWorks", "confirmLambdaBranch", "runSnapshotOnProd", "runDeployZappaPlaybook",
                "checkSiteAtWww");
        assertThat((String) runtime.getVariable(run.getId(), "syncProgress")).contains("(100 %)");
        complete(run, "uatNewSite", Map.of("approved", true));
        complete(run, "turnOffScheduledTasks", Map.of("approved", true));
        complete(run, "uatTwilioVoicemail", Map.of("approved", true));
        complete(run, "makeReallySure", Map.of("approved", true, "decision", "go", "notes", "go"));
        jobs.runAll(run.getId());

        assertThat(run).isEnded().hasPassed("newSiteIsLive", "updateTwilioEndpoints", "updateMailgunEndpoints",
                "addRedirectOnNamecheap", "addPingdomOnNewDomain", "day1Done");
        assertThat(s3.verifyCopy(plan.buckets().oldMedia(), plan.buckets().media()).same()).isTrue();
        assertThat(heroku.configVars(plan.heroku().app()))
                .containsEntry(plan.heroku().s3BucketVar(), plan.buckets().media());
        assertThat(twilio.numberEndpoints(plan.twilio().phoneNumber()).voiceUrl())
                .startsWith(plan.launch().newSiteUrl().toString());
        assertThat(mailgun.moveEndpoints(plan.mailgun().domain(), plan.heroku().baseUrl().toString(),
                plan.launch().newSiteUrl().toString()).changed()).isFalse();
        assertThat(oldNameRecords()).singleElement().satisfies(record -> {
            assertThat(record.type()).isEqualTo("URL301");
            assertThat(record.address()).isEqualTo(plan.launch().newSiteUrl().toString());
        });
        assertThat(world.stored().get("pingdom").toString()).contains(plan.domains().www());
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(run.getId())
                .variableName("newSiteLiveAt").singleResult()).isNotNull();
        List<String> secrets = List.of(herokuVars.get(plan.heroku().s3SecretAccessKeyVar()),
                herokuVars.get("SECRET_KEY"), herokuVars.get("SENTRY_DSN"),
                URI.create(herokuVars.get("DATABASE_URL")).getUserInfo().split(":")[1],
                "rehearsal-admin-password");
        assertThat(SecretScan.findIn(dataSource, secrets)).isEmpty();
        assertThat(logs.linesContaining(secrets)).isEmpty();
        assertThat(logs.lines()).isNotEmpty();
    }

    @Test
    void theSyncCommitsItsProgressBatchByBatch() {
        ProcessInstance run = phases.start("day-1", "launch-batches");

        executeNext(run);
        executeNext(run);

        assertThat(run).isWaitingAt("syncNewBucket");
        assertThat(runtime.getVariable(run.getId(), "syncDone")).isEqualTo(false);
        assertThat((String) runtime.getVariable(run.getId(), "syncStartAfter")).isNotBlank();
        assertThat((String) runtime.getVariable(run.getId(), "syncProgress"))
                .startsWith(String.format("%,d of ", plan.launch().syncBatchSize()));
    }

    @Test
    void anUploadMadeWhileTheSyncRanIsCaughtByAnotherPassBeforeHerokuSwitches() {
        faults.arm("s3.upload-during-sync", 1);
        ProcessInstance run = phases.start("day-1", "launch-late-upload");

        jobs.runAll(run.getId());

        assertThat(run).isWaitingAt("uatNewSite").hasPassed("catchUpNewBucket", "verifyNothingLeftBehind");
        assertThat(s3.verifyCopy(plan.buckets().oldMedia(), plan.buckets().media()).same()).isTrue();
        assertThat(ledger.entries("launch-late-upload").stream().map(entry -> entry.step() + ": " + entry.detail()))
                .anySatisfy(line -> assertThat(line).startsWith("Verify the new bucket: ")
                        .contains("missing: 0-uploaded-during-the-sync/").contains("syncing again (pass 2)"))
                .anySatisfy(line -> assertThat(line).startsWith("Sync the new S3 bucket: copied 1 objects"));
    }

    @Test
    void aSiteLateAtWwwGoesToTheLeadWhoseWaitReArmsTheSlaAndWhoseRollbackUndoesDay1() {
        faults.arm("sites.www-late", 1);
        ProcessInstance run = phases.start("day-1", "launch-late");

        jobs.runAll(run.getId());
        assertThat(run).isWaitingAt("siteLateAtWww");
        complete(run, "siteLateAtWww", Map.of("approved", true, "decision", "wait"));
        jobs.runAll(run.getId());
        assertThat(run).isWaitingAt("siteLateAtWww");
        complete(run, "siteLateAtWww", Map.of("approved", false, "decision", "rollback"));
        jobs.runAll(run.getId());

        assertThat(run).isEnded().hasPassed("pointHerokuBackAtOldBucket", "day1RolledBackLateSite");
        assertThat(heroku.configVars(plan.heroku().app()))
                .containsEntry(plan.heroku().s3BucketVar(), plan.buckets().oldMedia());
    }

    @Test
    void aFailedUatGoesToTheLeadAndARollbackUndoesOnlyWhatWasDone() {
        ProcessInstance run = phases.start("day-1", "launch-uat");
        jobs.runAll(run.getId());

        complete(run, "uatNewSite", Map.of("approved", false, "notes", "PDF generation fails"));
        complete(run, "uatFailed", Map.of("approved", false, "decision", "rollback"));
        jobs.runAll(run.getId());

        assertThat(run).isEnded().hasPassed("pointHerokuBackAtOldBucket", "day1RolledBack")
                .hasNotPassed("pointTwilioBackToHeroku", "newSiteIsLive");
        assertThat(heroku.configVars(plan.heroku().app()))
                .containsEntry(plan.heroku().s3BucketVar(), plan.buckets().oldMedia());
    }

    @Test
    void aRollbackCopiesWhatWasUploadedToTheNewBucketBackBeforeHerokuPointsBack() {
        ProcessInstance run = phases.start("day-1", "launch-uploads");
        jobs.runAll(run.getId());
        assertThat(run).isWaitingAt("uatNewSite");
        List<String> uploads = List.of("uploads/uat/petition-test.pdf", "uploads/photos/2026/id-real-user.jpg",
                "petitions/2026/petition-99999.pdf");
        uploads.forEach(key -> buckets.put(plan.buckets().media(), key, 52_000));

        complete(run, "uatNewSite", Map.of("approved", false, "notes", "PDF generation fails"));
        complete(run, "uatFailed", Map.of("approved", false, "decision", "rollback"));
        jobs.runAll(run.getId());

        assertThat(uploads).allSatisfy(key -> assertThat(world.stored().get("s3").path("buckets")
                .path(plan.buckets().oldMedia()).path("contents").has(key)).as(key).isTrue());
        assertThat(run).isEnded().hasPassed("copyUploadsBack", "pointHerokuBackAtOldBucket", "day1RolledBack");
        assertThat(heroku.configVars(plan.heroku().app()))
                .containsEntry(plan.heroku().s3BucketVar(), plan.buckets().oldMedia());
        List<String> undo = ledger.entries("launch-uploads").stream()
                .map(entry -> entry.step() + ": " + entry.outcome().label() + ": " + entry.detail())
                .filter(line -> line.startsWith("Copy the new uploads back") || line.startsWith("Point Heroku back")
                        || line.startsWith("Copy the uploads made meanwhile back")).toList();
        assertThat(undo).hasSize(3);
        assertThat(undo.get(0)).startsWith("Copy the new uploads back to the old bucket: compensated: 3 upload(s)");
        assertThat(undo.get(1)).startsWith("Point Heroku back at the old bucket: compensated");
        assertThat(undo.get(2)).startsWith("Copy the uploads made meanwhile back: already done: 0 upload(s)");
    }

    @Test
    void aNoGoAtMakeReallySurePointsEverythingBackToHeroku() {
        ProcessInstance run = phases.start("day-1", "launch-nogo");
        jobs.runAll(run.getId());
        complete(run, "uatNewSite", Map.of("approved", true));
        complete(run, "turnOffScheduledTasks", Map.of("approved", true));
        complete(run, "uatTwilioVoicemail", Map.of("approved", true));

        complete(run, "makeReallySure", Map.of("approved", false, "decision", "no-go-roll-back",
                "notes", "no-go: support not staffed"));
        jobs.runAll(run.getId());
        complete(run, "putScheduledTasksBack", Map.of("approved", true));
        jobs.runAll(run.getId());

        assertThat(run).isEnded().hasPassed("pointTwilioBackToHeroku", "pointMailgunBackToHeroku",
                "putScheduledTasksBack", "pointHerokuBackAtOldBucket", "day1RolledBack").hasNotPassed("addRedirectOnNamecheap");
        assertThat(twilio.numberEndpoints(plan.twilio().phoneNumber()).voiceUrl())
                .startsWith(plan.heroku().baseUrl().toString());
        assertThat(mailgun.moveEndpoints(plan.mailgun().domain(), plan.launch().newSiteUrl().toString(),
                plan.heroku().baseUrl().toString()).changed()).isFalse();
        assertThat(oldNameRecords()).singleElement().satisfies(record -> assertThat(record.type()).isEqualTo("CNAME"));
    }

    @Test
    void anUntickedMakeReallySureWithoutADecisionIsRefusedAndRollsNothingBack() {
        ProcessInstance run = atMakeReallySure("launch-unticked");
        Task task = tasks.createTaskQuery().processInstanceId(run.getId()).taskDefinitionKey("makeReallySure")
                .singleResult();

        assertThatThrownBy(() -> tasks.complete(task.getId(), Map.of("approved", false)))
                .hasMessageContaining("'decision': one of [go, no-go-wait, no-go-roll-back]");

        assertThat(run).isWaitingAt("makeReallySure").hasNotPassed("pointHerokuBackAtOldBucket");
        assertThat(heroku.configVars(plan.heroku().app()))
                .containsEntry(plan.heroku().s3BucketVar(), plan.buckets().media());
    }

    @Test
    void aMakeReallySureWhoseTickContradictsItsDecisionIsRefused() {
        ProcessInstance run = atMakeReallySure("launch-contradiction");
        Task task = tasks.createTaskQuery().processInstanceId(run.getId()).taskDefinitionKey("makeReallySure")
                .singleResult();

        assertThatThrownBy(() -> tasks.complete(task.getId(), Map.of("approved", true, "decision", "no-go-roll-back")))
                .hasMessageContaining("'approved' true for [go] and false for the other decisions");

        assertThat(run).isWaitingAt("makeReallySure");
    }

    @Test
    void aNoGoToWaitChangesNothingAndAsksTheLeadAgainWhoseGoThenRedirects() {
        ProcessInstance run = atMakeReallySure("launch-wait");

        complete(run, "makeReallySure", Map.of("approved", false, "decision", "no-go-wait",
                "notes", "support not staffed before 9:00"));
        jobs.runAll(run.getId());

        assertThat(run).isWaitingAt("makeReallySure").hasNotPassed("pointHerokuBackAtOldBucket",
                "addRedirectOnNamecheap");
        assertThat(heroku.configVars(plan.heroku().app()))
                .containsEntry(plan.heroku().s3BucketVar(), plan.buckets().media());
        assertThat(twilio.numberEndpoints(plan.twilio().phoneNumber()).voiceUrl())
                .startsWith(plan.launch().newSiteUrl().toString());

        complete(run, "makeReallySure", Map.of("approved", true, "decision", "go"));
        jobs.runAll(run.getId());

        assertThat(run).isEnded().hasPassed("addRedirectOnNamecheap", "day1Done");
    }

    @Test
    void aRollbackWhileAStepIsInAnIncidentUndoesThatStepToo() {
        faults.arm("twilio.outage", 1 + plan.timings().retries());
        ProcessInstance run = phases.start("day-1", "launch-stuck");
        jobs.runAll(run.getId());
        complete(run, "uatNewSite", Map.of("approved", true));
        jobs.runAll(run.getId());
        assertThat(runtime.createIncidentQuery().processInstanceId(run.getId()).list())
                .extracting(org.camunda.bpm.engine.runtime.Incident::getActivityId).contains("updateTwilioEndpoints");

        runtime.createMessageCorrelation("StopForRollback").processInstanceBusinessKey("launch-stuck")
                .setVariable("reason", "Twilio is down").correlate();
        jobs.runAll(run.getId());

        assertThat(run).isEnded().hasPassed("undoUnfinishedOnRequest", "pointMailgunBackToHeroku",
                "pointHerokuBackAtOldBucket", "day1RolledBackOnRequest").hasNotPassed("pointTwilioBackToHeroku");
        assertThat(ledger.entries("launch-stuck")).anySatisfy(entry -> assertThat(entry.detail())
                .isEqualTo("'Update Twilio end points to new URLs' undone by 'Point Twilio back to Heroku'"));
        assertThat(twilio.numberEndpoints(plan.twilio().phoneNumber()).voiceUrl())
                .startsWith(plan.heroku().baseUrl().toString());
    }

    @Test
    void aRollbackRequestedAfterTheRedirectRestoresTheOldNamesRecordsAndEverythingBefore() {
        List<HostRecord> before = oldNameRecords();
        faults.arm("pingdom.outage", 20);
        ProcessInstance run = phases.start("day-1", "launch-requested");
        jobs.runAll(run.getId());
        complete(run, "uatNewSite", Map.of("approved", true));
        complete(run, "turnOffScheduledTasks", Map.of("approved", true));
        complete(run, "uatTwilioVoicemail", Map.of("approved", true));
        complete(run, "makeReallySure", Map.of("approved", true, "decision", "go"));
        jobs.runAll(run.getId());
        assertThat(runtime.createIncidentQuery().processInstanceId(run.getId()).singleResult().getActivityId())
                .isEqualTo("addPingdomOnNewDomain");

        runtime.createMessageCorrelation("StopForRollback").processInstanceBusinessKey("launch-requested")
                .setVariable("reason", "applications fail on Lambda").correlate();
        complete(run, "putScheduledTasksBack", Map.of("approved", true));
        jobs.runAll(run.getId());

        assertThat(run).isEnded().hasPassed("restoreOldNameRecords", "pointTwilioBackToHeroku",
                "pointMailgunBackToHeroku", "pointHerokuBackAtOldBucket", "day1RolledBackOnRequest");
        assertThat(oldNameRecords()).isEqualTo(before);
        assertThat(heroku.configVars(plan.heroku().app()))
                .containsEntry(plan.heroku().s3BucketVar(), plan.buckets().oldMedia());
    }

    @Test
    void aDecisionOutsideTheTasksAllowedValuesIsRefused() {
        ProcessInstance run = phases.start("day-1", "launch-decision");
        jobs.runAll(run.getId());
        complete(run, "uatNewSite", Map.of("approved", false));
        Task task = tasks.createTaskQuery().processInstanceId(run.getId()).taskDefinitionKey("uatFailed").singleResult();

        assertThatThrownBy(() -> tasks.complete(task.getId(), Map.of("approved", true, "decision", "maybe")))
                .hasMessageContaining("one of [retest, rollback]").hasMessageContaining("not 'maybe'");
    }

    /** Day 1 up to the lead's last gate, every task before it answered yes. */
    private ProcessInstance atMakeReallySure(String runKey) {
        ProcessInstance run = phases.start("day-1", runKey);
        jobs.runAll(run.getId());
        complete(run, "uatNewSite", Map.of("approved", true));
        complete(run, "turnOffScheduledTasks", Map.of("approved", true));
        complete(run, "uatTwilioVoicemail", Map.of("approved", true));
        jobs.runAll(run.getId());
        assertThat(run).isWaitingAt("makeReallySure");
        return run;
    }

    private List<HostRecord> oldNameRecords() {
        MigrationPlan.Domain old = plan.domains().old();
        return namecheap.hosts(old.namecheapZone()).stream()
                .filter(record -> record.name().equalsIgnoreCase(old.namecheapHost())).toList();
    }

    private void executeNext(ProcessInstance run) {
        Job job = management.createJobQuery().processInstanceId(run.getId()).singleResult();
        management.executeJob(job.getId());
    }

    private void complete(ProcessInstance run, String taskKey, Map<String, Object> answer) {
        jobs.runThenComplete(run.getId(), taskKey, answer);
    }
}

package dev.cutover.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.heroku.HerokuPort;
import dev.cutover.ledger.Ledger;
import dev.cutover.ledger.LedgerEntry;
import dev.cutover.namecheap.HostRecord;
import dev.cutover.namecheap.NamecheapPort;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.step.Outcome;
import dev.cutover.support.CutoverEngineTest;
import dev.cutover.support.EarlierPhases;
import dev.cutover.support.Jobs;
import dev.cutover.support.TestClock;
import dev.cutover.twilio.TwilioPort;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A lead requests a rollback (message RollbackRequested, by the run's business key) at each point of
 * the launch; the advisor shows the path and what it will undo, the lead confirms, and the world
 * ends as the runbook's Rollback section says, with nothing undone that the run never did.
 */
@CutoverEngineTest
class RollbackProcessTest {

    @Autowired ProcessEngine engine;

    @Autowired EarlierPhases phases;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired ManagementService management;
    @Autowired HistoryService history;
    @Autowired Jobs jobs;
    @Autowired TestClock clock;
    @Autowired WorldStore world;
    @Autowired Faults faults;
    @Autowired Ledger ledger;
    @Autowired MigrationPlan plan;
    @Autowired HerokuPort heroku;
    @Autowired TwilioPort twilio;
    @Autowired NamecheapPort namecheap;

    @BeforeEach
    void freshWorld() {
        BpmnAwareTests.init(engine);
        clock.reset();
        world.reset();
    }

    @Test
    void duringDay0TheRunIsNotLaunchedAndNothingIsUndone() {
        List<HostRecord> oldName = oldNameRecords();
        ProcessInstance day0 = phases.start("day-0", "rb-day0");
        jobs.runNext(day0.getId());

        ProcessInstance advisor = requestRollback("rb-day0", "the snapshot takes too long");

        assertThat(variable(advisor, "rollbackPath")).isEqualTo("rollback-before-redirect");
        assertThat(variable(advisor, "rollbackPreview")).startsWith("1. Do not launch: " + plan.domains().old().name())
                .contains("Nothing to undo (the run never changed it): Heroku's " + plan.heroku().s3BucketVar()
                        + ", Twilio, Mailgun, the scheduled tasks");
        confirm(advisor, true);
        drive("rb-day0", () -> ended(advisor));

        assertThat(advisor).isEnded().hasPassed("stopRunningPhase", "rollBackTheRun", "runRolledBack");
        assertThat(day0).isEnded().hasPassed("day0RolledBackOnRequest");
        assertThat(oldNameRecords()).isEqualTo(oldName);
        assertThat(herokuBucket()).isEqualTo(plan.buckets().oldMedia());
        assertThat(undone("rb-day0")).isEmpty();
        assertThat(outcomes("rb-day0", "rollback-before-redirect")).containsEntry("doNotLaunch", "checked")
                .containsEntry("pointHerokuBackAtOldBucket", "already done")
                .containsEntry("pointTwilioBackToHeroku", "already done")
                .containsEntry("addScheduledTasksBack", "already done");
    }

    @Test
    void duringDay1BeforeTheRedirectDay1UndoesItselfAndTheRollbackFindsNothingLeft() {
        ProcessInstance day1 = phases.start("day-1", "rb-before");
        complete(day1, "uatNewSite");
        complete(day1, "turnOffScheduledTasks");
        jobs.runAll(day1.getId());
        assertThat(day1).isWaitingAt("uatTwilioVoicemail");
        assertThat(herokuBucket()).isEqualTo(plan.buckets().media());

        ProcessInstance advisor = requestRollback("rb-before", "voicemail drops calls");

        assertThat(variable(advisor, "rollbackPath")).isEqualTo("rollback-before-redirect");
        assertThat(variable(advisor, "rollbackPreview")).contains(
                "2. Heroku: " + plan.heroku().app() + "'s " + plan.heroku().s3BucketVar() + " back to "
                        + plan.buckets().oldMedia(),
                "3. Twilio: " + plan.twilio().phoneNumber(), "4. Mailgun: " + plan.mailgun().domain(),
                "5. Heroku Scheduler: the operators switch the scheduled tasks back on");
        confirm(advisor, true);
        drive("rb-before", () -> openTask(day1, "putScheduledTasksBack") != null);
        tasks.complete(openTask(day1, "putScheduledTasksBack").getId(), Map.of("approved", true));
        drive("rb-before", () -> ended(advisor));

        assertThat(day1).isEnded().hasPassed("day1RolledBackOnRequest");
        assertThat(advisor).isEnded().hasPassed("runRolledBack");
        assertThat(herokuBucket()).isEqualTo(plan.buckets().oldMedia());
        assertAtHeroku();
        assertThat(undone("rb-before")).isEmpty();
        assertThat(outcomes("rb-before", "day-1")).containsEntry("pointHerokuBackAtOldBucket", "compensated")
                .containsEntry("pointTwilioBackToHeroku", "compensated");
        assertThat(outcomes("rb-before", "rollback-before-redirect"))
                .containsEntry("pointHerokuBackAtOldBucket", "already done")
                .containsEntry("addScheduledTasksBack", "already done");
    }

    @Test
    void afterTheRedirectWithDay1RunningTheDnsRollbackSendsTheNewDomainBackToTheOldUrl() {
        List<HostRecord> oldName = oldNameRecords();
        faults.arm("pingdom.outage", 20);
        ProcessInstance day1 = launch("rb-redirected");
        jobs.runAll(day1.getId());
        assertThat(runtime.createIncidentQuery().processInstanceId(day1.getId()).singleResult().getActivityId())
                .isEqualTo("addPingdomOnNewDomain");

        ProcessInstance advisor = requestRollback("rb-redirected", "applications fail on Lambda");

        assertThat(variable(advisor, "rollbackPath")).isEqualTo("rollback-dns");
        assertThat(variable(advisor, "rollbackPreview")).startsWith("1. Namecheap: " + plan.domains().old().name()
                + " back to its " + oldName.size() + " saved record").contains("CNAME → ")
                .contains("Route53: " + plan.domains().current().name() + " redirects to https://"
                        + plan.domains().old().name());
        confirm(advisor, true);
        drive("rb-redirected", () -> openTask(day1, "putScheduledTasksBack") != null);
        tasks.complete(openTask(day1, "putScheduledTasksBack").getId(), Map.of("approved", true));
        drive("rb-redirected", () -> ended(advisor));

        assertThat(day1).isEnded().hasPassed("restoreOldNameRecords", "day1RolledBackOnRequest");
        assertThat(advisor).isEnded().hasPassed("runRolledBack");
        assertThat(oldNameRecords()).isEqualTo(oldName);
        assertThat(redirectBucket()).isEqualTo("https://" + plan.domains().old().name());
        assertAtHeroku();
        assertThat(undone("rb-redirected")).containsExactly("setRoute53ToRedirectBackToOldDomain");
    }

    @Test
    void afterDay1CompletedTheDnsRollbackUndoesTheLaunchFromTheLedger() {
        List<HostRecord> oldName = oldNameRecords();
        ProcessInstance day1 = launch("rb-launched");
        jobs.runAll(day1.getId());
        assertThat(day1).isEnded().hasPassed("day1Done");

        ProcessInstance advisor = requestRollback("rb-launched", "clients cannot upload");
        assertThat(variable(advisor, "rollbackPath")).isEqualTo("rollback-dns");
        assertThat(variable(advisor, "rollbackPreview").lines().toList()).hasSize(5)
                .last().asString().startsWith("5. Heroku Scheduler: the operators switch");
        confirm(advisor, true);
        drive("rb-launched", () -> openTask(path(advisor), "putScheduledTasksBack") != null);
        tasks.complete(openTask(path(advisor), "putScheduledTasksBack").getId(), Map.of("approved", true));
        drive("rb-launched", () -> ended(advisor));

        assertThat(advisor).isEnded().hasPassed("runRolledBack");
        assertThat(oldNameRecords()).isEqualTo(oldName);
        assertThat(redirectBucket()).isEqualTo("https://" + plan.domains().old().name());
        assertAtHeroku();
        // the DNS rollback leaves Heroku on the new bucket, which the sync kept whole
        assertThat(herokuBucket()).isEqualTo(plan.buckets().media());
        assertThat(undone("rb-launched")).containsExactlyInAnyOrder("restoreOldNameRecords",
                "pointTwilioBackToHeroku", "pointMailgunBackToHeroku", "setRoute53ToRedirectBackToOldDomain");
        assertThat(outcomes("rb-launched", "rollback-dns")).containsEntry("putScheduledTasksBack", "decided");
    }

    @Test
    void anUnknownRunIsRefusedNamingItsKeyAndNothingStarts() {
        assertThatThrownBy(() -> runtime.createMessageCorrelation("RollbackRequested")
                .processInstanceBusinessKey("no-such-run").setVariable("reason", "typo").correlateWithResult())
                .isInstanceOf(BadUserRequestException.class).hasMessageContaining("'no-such-run'");

        assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey("rollback")
                .processInstanceBusinessKey("no-such-run").count()).isZero();
    }

    @Test
    void aSecondRequestWhileOneWaitsForTheLeadIsRefused() {
        phases.start("day-0", "rb-twice");
        requestRollback("rb-twice", "first");

        assertThatThrownBy(() -> requestRollback("rb-twice", "second"))
                .isInstanceOf(BadUserRequestException.class).hasMessageContaining("'rb-twice' already has rollback");
    }

    @Test
    void aCancelledRollbackChangesNothing() {
        ProcessInstance day1 = phases.start("day-1", "rb-cancel");
        complete(day1, "uatNewSite");
        jobs.runAll(day1.getId());
        assertThat(day1).isWaitingAt("turnOffScheduledTasks");
        String world = worldWithoutMessages();

        ProcessInstance advisor = requestRollback("rb-cancel", "second thoughts");
        confirm(advisor, false);

        assertThat(advisor).isEnded().hasPassed("rollbackCancelled").hasNotPassed("stopRunningPhase");
        assertThat(day1).isWaitingAt("turnOffScheduledTasks");
        assertThat(worldWithoutMessages()).isEqualTo(world);
        assertThat(undone("rb-cancel")).isEmpty();
    }

    /** The world but the notifications it sent people (the lead is told of the confirm task): what a rollback changes. */
    private String worldWithoutMessages() {
        java.util.Map<String, com.fasterxml.jackson.databind.JsonNode> parts = new java.util.TreeMap<>(world.stored());
        parts.remove("notifications");
        return parts.toString();
    }

    @Test
    void aRollbackStepThatFailsIsAnIncidentNamingItAndARetryFinishesTheRollback() {
        ProcessInstance day1 = launch("rb-fails");
        jobs.runAll(day1.getId());
        ProcessInstance advisor = requestRollback("rb-fails", "clients cannot upload");
        confirm(advisor, true);
        // every attempt the engine makes on its own fails: Twilio is down for a while
        faults.arm("twilio.outage", plan.timings().retries());

        drive("rb-fails", () -> !runtime.createIncidentQuery().activityId("pointTwilioBackToHeroku").list().isEmpty());

        Incident incident = runtime.createIncidentQuery().activityId("pointTwilioBackToHeroku").singleResult();
        assertThat(incident.getIncidentMessage()).startsWith("'Point Twilio back to Heroku' failed: ")
                .containsIgnoringCase("twilio");
        assertThat(outcomes("rb-fails", "rollback-dns")).containsEntry("pointTwilioBackToHeroku", "failed");

        assertThat(world.stored().get("faults").toString()).doesNotContain("twilio.outage");
        management.setJobRetries(incident.getConfiguration(), 1);
        ProcessInstance dns = path(advisor);
        drive("rb-fails", () -> openTask(dns, "putScheduledTasksBack") != null);
        tasks.complete(openTask(dns, "putScheduledTasksBack").getId(), Map.of("approved", true));
        drive("rb-fails", () -> ended(advisor));

        assertThat(advisor).isEnded().hasPassed("runRolledBack");
        assertAtHeroku();
        assertThat(outcomes("rb-fails", "rollback-dns")).containsEntry("pointTwilioBackToHeroku", "undone");
    }

    private ProcessInstance requestRollback(String run, String reason) {
        ProcessInstance advisor = runtime.createMessageCorrelation("RollbackRequested")
                .processInstanceBusinessKey(run).setVariable("reason", reason).correlateWithResult()
                .getProcessInstance();
        jobs.runAll(advisor.getId());
        assertThat(advisor).isWaitingAt("confirmRollback");
        return advisor;
    }

    private void confirm(ProcessInstance advisor, boolean rollBack) {
        Task task = openTask(advisor, "confirmRollback");
        tasks.complete(task.getId(), Map.of("approved", rollBack, "notes", rollBack ? "roll back" : "cancel"));
    }

    /** Day 1 up to the redirect: UAT, the Scheduler by hand, the voicemail, and the lead's go. */
    private ProcessInstance launch(String run) {
        ProcessInstance day1 = phases.start("day-1", run);
        complete(day1, "uatNewSite");
        complete(day1, "turnOffScheduledTasks");
        complete(day1, "uatTwilioVoicemail");
        complete(day1, "makeReallySure");
        return day1;
    }

    private void complete(ProcessInstance instance, String taskKey) {
        jobs.runAll(instance.getId());
        Task task = openTask(instance, taskKey);
        assertThat(task).as("open task " + taskKey).isNotNull();
        tasks.complete(task.getId(), "makeReallySure".equals(taskKey)
                ? Map.of("approved", true, "decision", "go") : Map.of("approved", true));
    }

    private Task openTask(ProcessInstance instance, String taskKey) {
        return instance == null ? null : tasks.createTaskQuery().processInstanceId(instance.getId())
                .taskDefinitionKey(taskKey).singleResult();
    }

    /** The rollback path the advisor called, while it runs. */
    private ProcessInstance path(ProcessInstance advisor) {
        return runtime.createProcessInstanceQuery().superProcessInstanceId(advisor.getId()).singleResult();
    }

    /**
     * Runs the due jobs of every instance of the run (the phases, the advisor, the path it calls), in
     * due order, until {@code until} holds or nothing is left to run.
     */
    private void drive(String run, BooleanSupplier until) {
        List<String> failures = new ArrayList<>();
        for (int executed = 0; executed < 400 && !until.getAsBoolean(); executed++) {
            List<Job> due = new ArrayList<>();
            for (ProcessInstance instance : runtime.createProcessInstanceQuery().processInstanceBusinessKey(run).list()) {
                due.addAll(management.createJobQuery().processInstanceId(instance.getId()).withRetriesLeft().list());
            }
            Job next = due.stream().min(Comparator.comparing(job -> job.getDuedate() == null
                    ? new java.util.Date(0) : job.getDuedate())).orElse(null);
            if (next == null) {
                break;
            }
            if (next.getDuedate() != null) {
                clock.advanceTo(next.getDuedate().toInstant());
            }
            try {
                management.executeJob(next.getId());
            } catch (RuntimeException failure) {
                // a failed attempt: the engine counts it down to an incident
                failures.add(failure.getMessage());
            }
        }
        List<String> where = new ArrayList<>();
        history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(run).list().forEach(instance ->
                where.add(instance.getProcessDefinitionKey() + " " + instance.getState() + " at "
                        + history.createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
                        .orderByHistoricActivityInstanceStartTime().asc().list().stream()
                        .map(activity -> activity.getActivityId()).toList()));
        assertThat(until.getAsBoolean()).as("the run got there; failures on the way: %s; instances: %s", failures,
                where).isTrue();
    }

    private boolean ended(ProcessInstance instance) {
        return runtime.createProcessInstanceQuery().processInstanceId(instance.getId()).count() == 0;
    }

    private String variable(ProcessInstance instance, String name) {
        return (String) runtime.getVariable(instance.getId(), name);
    }

    /** The activities the run's ledger says a rollback process undid. */
    private List<String> undone(String run) {
        return ledger.entries(run).stream().filter(entry -> entry.outcome() == Outcome.UNDONE)
                .map(LedgerEntry::activityId).toList();
    }

    /** The last outcome each activity of one phase recorded. */
    private Map<String, String> outcomes(String run, String phase) {
        return ledger.entries(run).stream().filter(entry -> entry.phase().equals(phase))
                .collect(Collectors.toMap(LedgerEntry::activityId, entry -> entry.outcome().label(),
                        (first, last) -> last));
    }

    private void assertAtHeroku() {
        String herokuUrl = plan.heroku().baseUrl().toString();
        assertThat(twilio.numberEndpoints(plan.twilio().phoneNumber()).voiceUrl()).startsWith(herokuUrl);
        assertThat(twilio.numberEndpoints(plan.twilio().phoneNumber()).smsUrl()).startsWith(herokuUrl);
        assertThat(world.stored().get("mailgun").toString()).doesNotContain(plan.launch().newSiteUrl().toString());
    }

    private String herokuBucket() {
        return heroku.configVars(plan.heroku().app()).get(plan.heroku().s3BucketVar());
    }

    private String redirectBucket() {
        JsonNode bucket = world.stored().get("s3").path("buckets").path(plan.domains().current().name());
        return bucket.path("websiteRedirectsTo").asText();
    }

    private List<HostRecord> oldNameRecords() {
        MigrationPlan.Domain old = plan.domains().old();
        return namecheap.hosts(old.namecheapZone()).stream()
                .filter(record -> record.name().equalsIgnoreCase(old.namecheapHost())).toList();
    }
}

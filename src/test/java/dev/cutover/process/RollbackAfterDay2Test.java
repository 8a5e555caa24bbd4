package dev.cutover.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.aws.iam.IamPort;
import dev.cutover.aws.secrets.SecretStorePort;
import dev.cutover.heroku.Formation;
import dev.cutover.heroku.HerokuPort;
import dev.cutover.heroku.Release;
import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.support.CutoverEngineTest;
import dev.cutover.support.Jobs;
import dev.cutover.support.WorldViews;
import dev.cutover.support.TestClock;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@CutoverEngineTest
class RollbackAfterDay2Test {

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired ManagementService management;
    @Autowired Jobs jobs;
    @Autowired TestClock clock;
    @Autowired WorldStore world;
    @Autowired Faults faults;
    @Autowired Ledger ledger;
    @Autowired MigrationPlan plan;
    @Autowired HerokuPort heroku;
    @Autowired IamPort iam;
    @Autowired SecretStorePort secrets;
    @Autowired WorldViews views;
    @Autowired dev.cutover.twilio.TwilioPort twilio;
    @Autowired dev.cutover.namecheap.NamecheapPort namecheap;

    private RunThroughPhases phases;

    @BeforeEach
    void freshWorld() {
        BpmnAwareTests.init(engine);
        clock.reset();
        world.reset();
        phases = new RunThroughPhases(runtime, tasks, jobs);
    }

    @Test
    void afterDay2TheAdvisorChoosesThePostDay2PathAndPreviewsItsStepsInOrder() {
        phases.throughDay2("advised");

        ProcessInstance advisor = runtime.createMessageCorrelation("RollbackRequested")
                .processInstanceBusinessKey("advised").setVariable("reason", "applications fail on Lambda")
                .correlateStartMessage();
        jobs.runAll(advisor.getId());

        assertThat(advisor).isWaitingAt("confirmRollback");
        assertThat(runtime.getVariable(advisor.getId(), "rollbackPath")).isEqualTo("rollback-after-day-2");
        List<String> preview = ((String) runtime.getVariable(advisor.getId(), "rollbackPreview")).lines().toList();
        assertThat(preview.get(0)).startsWith("1. Heroku: " + plan.heroku().app() + " back to its last release before Zappa");
        assertThat(preview).anySatisfy(line -> assertThat(line).startsWith("6. Operators: a quick UAT"))
                .anySatisfy(line -> assertThat(line).startsWith("7. Namecheap: " + plan.domains().old().name()))
                .last().asString().isEqualTo("Cannot be undone: the old media bucket " + plan.buckets().oldMedia()
                        + ", deleted on Day 2 (Heroku keeps the new bucket)");
    }

    @Test
    void afterDay2TheRollbackPutsHerokuBackOnItsPreZappaCodeWithCredentialsOpenPortsAndAPublicDatabase() {
        String app = plan.heroku().app();
        List<Formation> formationBefore = heroku.formation(app);
        phases.throughDay2("after");
        String day1Release = heroku.releases(app, 50).stream()
                .filter(release -> release.description().startsWith("Deploy")).findFirst().orElseThrow().slugId();
        faults.arm("heroku.zappa-merged", 1);

        ProcessInstance rollback = runtime.startProcessInstanceByKey("rollback-after-day-2", "after");
        jobs.runAll(rollback.getId());

        assertThat(rollback).isWaitingAt("quickUatOfHerokuApp").hasPassed("rollBackToPreZappaCodebase",
                "updateHerokuCredentials", "runCreateStorageAgain", "checkCreateStorage", "makeRdsPublic",
                "turnOnHerokuApp").hasNotPassed("relaunchCreateStorage");
        // Heroku: on, with its formation from before Day 2, its pre-Zappa code and today's config
        JsonNode herokuApp = stored("heroku").path("apps").path(app);
        assertThat(herokuApp.path("maintenance").asBoolean()).isFalse();
        assertThat(heroku.formation(app)).containsExactlyInAnyOrderElementsOf(formationBefore);
        Release running = heroku.releases(app, 1).get(0);
        assertThat(running.sameCodebaseAs(day1Release)).isTrue();
        assertThat(heroku.releases(app, 50)).anySatisfy(release -> assertThat(release.description())
                .startsWith("Rollback to v"));
        Map<String, String> config = heroku.configVars(app);
        String password = secrets.read(secretOf("after"));
        assertThat(config.get(plan.rds().urlVariable()))
                .contains(":" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "@")
                .contains("@" + database().path("endpointAddress").asText() + ":");
        assertThat(config.get("AWS_STORAGE_BUCKET_NAME")).isEqualTo(plan.buckets().media());
        // the interim IAM user Day 2 deleted is back, with the media bucket's policy, and Heroku holds its one key
        String user = plan.iam().herokuInterimUser().name();
        assertThat(iam.accessKeyIds(user)).containsExactly(config.get(plan.heroku().s3AccessKeyIdVar()));
        assertThat(view("iam").path("users").path(user).path("policies").toString())
                .contains(plan.iam().herokuInterimUser().policyArn());
        // RDS public again, its Postgres port open
        assertThat(database().path("publiclyAccessible").asBoolean()).isTrue();
        assertThat(database().path("postgresPort").asText()).startsWith("open");
        assertThat(outcomes("after", "rollback-after-day-2"))
                .containsEntry("Roll back to a pre-Zappa codebase", "undone")
                .containsEntry("Update the database and S3 credentials for Heroku", "undone")
                .containsEntry("Make RDS public", "undone")
                .containsEntry("Turn on the Heroku app", "undone");
    }

    @Test
    void endToEndTheQuickUatPassedTheDnsRollbackSendsTheOldNameBackToHeroku() {
        MigrationPlan.Domain old = plan.domains().old();
        List<dev.cutover.namecheap.HostRecord> oldName = oldNameRecords();
        phases.throughDay2("end-to-end");
        ProcessInstance rollback = runtime.startProcessInstanceByKey("rollback-after-day-2", "end-to-end");
        phases.complete(rollback, "quickUatOfHerokuApp", Map.of("approved", true));

        for (int round = 0; round < 10 && runtime.createProcessInstanceQuery().processInstanceId(rollback.getId())
                .count() > 0; round++) {
            for (ProcessInstance instance : runtime.createProcessInstanceQuery().processInstanceBusinessKey("end-to-end")
                    .list()) {
                jobs.runAll(instance.getId());
                tasks.createTaskQuery().processInstanceId(instance.getId()).list()
                        .forEach(task -> tasks.complete(task.getId(), Map.of("approved", true)));
            }
        }

        assertThat(rollback).isEnded().hasPassed("followDnsRollback", "rolledBackAfterDay2");
        assertThat(oldNameRecords()).isEqualTo(oldName);
        assertThat(world.stored().get("s3").path("buckets").path(plan.domains().current().name())
                .path("websiteRedirectsTo").asText()).isEqualTo("https://" + old.name());
        String herokuUrl = plan.heroku().baseUrl().toString();
        assertThat(twilio.numberEndpoints(plan.twilio().phoneNumber()).voiceUrl()).startsWith(herokuUrl);
        assertThat(world.stored().get("mailgun").toString()).doesNotContain(plan.launch().newSiteUrl().toString());
        assertThat(stored("heroku").path("apps").path(plan.heroku().app()).path("maintenance").asBoolean()).isFalse();
        assertThat(database().path("publiclyAccessible").asBoolean()).isTrue();
    }

    private List<dev.cutover.namecheap.HostRecord> oldNameRecords() {
        MigrationPlan.Domain old = plan.domains().old();
        return namecheap.hosts(old.namecheapZone()).stream()
                .filter(record -> record.name().equalsIgnoreCase(old.namecheapHost())).toList();
    }

    @Test
    void withoutZappaChangesMergedTheCodebaseIsAlreadyDoneAndHerokuGetsNoRollbackRelease() {
        String app = plan.heroku().app();
        phases.throughDay2("no-merge");

        ProcessInstance rollback = runtime.startProcessInstanceByKey("rollback-after-day-2", "no-merge");
        jobs.runAll(rollback.getId());

        assertThat(rollback).isWaitingAt("quickUatOfHerokuApp");
        assertThat(heroku.releases(app, 50)).noneSatisfy(release -> assertThat(release.description())
                .startsWith("Rollback"));
        assertThat(outcomes("no-merge", "rollback-after-day-2"))
                .containsEntry("Roll back to a pre-Zappa codebase", "already done");
    }

    @Test
    void whenDay2RolledItselfBackDuringTheRotationTheRollbackFindsNothingLeftToUndo() {
        phases.throughDay1("during");
        faults.arm("rds.password.slow", 1);
        ProcessInstance day2 = runtime.startProcessInstanceByKey("day-2", "during");
        phases.complete(day2, "confirmHerokuOff", Map.of("approved", true, "decision", "turn-off"));
        phases.complete(day2, "downtimeOverLimit", Map.of("approved", false, "decision", "rollback"));
        jobs.runAll(day2.getId());
        assertThat(day2).isEnded().hasPassed("turnHerokuAppBackOn").hasNotPassed("makeDatabaseNotPublic");

        ProcessInstance rollback = runtime.startProcessInstanceByKey("rollback-after-day-2", "during");
        jobs.runAll(rollback.getId());

        assertThat(rollback).isWaitingAt("quickUatOfHerokuApp");
        assertThat(outcomes("during", "rollback-after-day-2"))
                .containsEntry("Roll back to a pre-Zappa codebase", "already done")
                .containsEntry("Update the database and S3 credentials for Heroku", "already done")
                .containsEntry("Make RDS public", "already done")
                .containsEntry("Turn on the Heroku app", "already done");
        assertThat(ledger.entries("during")).filteredOn(entry -> entry.phase().equals("rollback-after-day-2"))
                .noneSatisfy(entry -> assertThat(entry.outcome().label()).isEqualTo("undone"));
    }

    @Test
    void theQuickUatPassedHandsOverToTheDnsRollbackWithTheRunsBusinessKey() {
        phases.throughDay2("uat");
        ProcessInstance rollback = runtime.startProcessInstanceByKey("rollback-after-day-2", "uat");

        phases.complete(rollback, "quickUatOfHerokuApp", Map.of("approved", true, "notes", "serves, logs in, PDFs open"));

        assertThat(rollback).isWaitingAt("followDnsRollback");
    }

    @Test
    void aFailedQuickUatStopsBeforeTheDnsRollback() {
        phases.throughDay2("uat-fails");
        ProcessInstance rollback = runtime.startProcessInstanceByKey("rollback-after-day-2", "uat-fails");

        phases.complete(rollback, "quickUatOfHerokuApp", Map.of("approved", false, "notes", "500 on /apply/"));
        jobs.runAll(rollback.getId());

        assertThat(rollback).isEnded().hasPassed("herokuUatFailed").hasNotPassed("followDnsRollback");
    }

    @Test
    void aFailedCreateStorageJobIsAnIncidentNamingItAndARetryAfterTheFixFinishes() {
        phases.throughDay2("ports");
        faults.arm("tower.job.fails", 1);

        ProcessInstance rollback = runtime.startProcessInstanceByKey("rollback-after-day-2", "ports");
        jobs.runAll(rollback.getId());

        Incident incident = runtime.createIncidentQuery().processInstanceId(rollback.getId()).singleResult();
        assertThat(incident.getActivityId()).isEqualTo("relaunchCreateStorage");
        assertThat(incident.getIncidentMessage()).contains("AWX job").contains("ended failed")
                .contains(plan.tower().jobTemplates().createStorage().name());
        assertThat(database().path("postgresPort").asText()).startsWith("closed");

        management.setJobRetries(incident.getConfiguration(), 1);
        jobs.runAll(rollback.getId());

        assertThat(rollback).isWaitingAt("quickUatOfHerokuApp");
        assertThat(database().path("postgresPort").asText()).startsWith("open");
    }

    @Test
    void aHerokuOutageIsAnIncidentNamingTheStepAndTheErrorAndARetryFinishes() {
        phases.throughDay2("outage");
        faults.arm("heroku.outage", 1 + plan.timings().retries());

        ProcessInstance rollback = runtime.startProcessInstanceByKey("rollback-after-day-2", "outage");
        jobs.runAll(rollback.getId());

        Incident incident = runtime.createIncidentQuery().processInstanceId(rollback.getId()).singleResult();
        assertThat(incident.getActivityId()).isEqualTo("rollBackToPreZappaCodebase");
        assertThat(incident.getIncidentMessage()).contains("Heroku answered 503");
        assertThat(outcomes("outage", "rollback-after-day-2")).containsEntry("Roll back to a pre-Zappa codebase", "failed");

        while (faults.trip("heroku.outage")) {
            // Heroku is back
        }
        management.setJobRetries(incident.getConfiguration(), 1);
        jobs.runAll(rollback.getId());

        assertThat(rollback).isWaitingAt("quickUatOfHerokuApp");
        assertThat(stored("heroku").path("apps").path(plan.heroku().app()).path("maintenance").asBoolean()).isFalse();
    }

    private String secretOf(String run) {
        return ledger.entries(run).stream().map(entry -> entry.undo().get("passwordSecretArn"))
                .filter(arn -> arn != null).findFirst().orElseThrow();
    }

    private JsonNode database() {
        return view("rds").path("instances").path(plan.rds().instanceId());
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

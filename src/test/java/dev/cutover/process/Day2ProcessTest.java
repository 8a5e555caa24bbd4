package dev.cutover.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.aws.iam.IamPort;
import dev.cutover.aws.s3.SimulatedS3;
import dev.cutover.aws.secrets.SecretStorePort;
import dev.cutover.heroku.Formation;
import dev.cutover.heroku.HerokuPort;
import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.support.CutoverEngineTest;
import dev.cutover.support.EarlierPhases;
import dev.cutover.support.Jobs;
import dev.cutover.support.WorldViews;
import dev.cutover.support.LogCapture;
import dev.cutover.support.SecretScan;
import dev.cutover.support.TestClock;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

@CutoverEngineTest
class Day2ProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired Jobs jobs;
    @Autowired EarlierPhases phases;
    @Autowired TestClock clock;
    @Autowired WorldStore world;
    @Autowired Faults faults;
    @Autowired Ledger ledger;
    @Autowired MigrationPlan plan;
    @Autowired HerokuPort heroku;
    @Autowired IamPort iam;
    @Autowired SecretStorePort secrets;
    @Autowired SimulatedS3 s3;
    @Autowired WorldViews views;
    @Autowired javax.sql.DataSource dataSource;
    @Autowired org.springframework.core.env.Environment environment;

    @RegisterExtension final LogCapture logs = new LogCapture();

    @BeforeEach
    void freshWorld() {
        BpmnAwareTests.init(engine);
        clock.reset();
        world.reset();
    }

    @Test
    void day2HardensEverythingAfterTheLaunchAndTheWorldShowsIt() {
        launch("harden");
        ProcessInstance run = phases.start("day-2", "harden");

        jobs.runAll(run.getId());
        assertThat(run).isWaitingAt("confirmHerokuOff").hasPassed("checkDnsPropagated", "checkHerokuTraffic");
        assertThat((String) variable(run, "dnsCheck")).contains(plan.domains().old().name())
                .contains("1 of 1 resolvers answer as expected");
        assertThat((String) variable(run, "herokuTraffic")).matches("\\d+ requests? in the last 15 min.*");
        complete(run, "confirmHerokuOff", Map.of("approved", true, "decision", "turn-off"));
        jobs.runAll(run.getId());
        assertThat(run).isWaitingAt("confirmDeleteOldBucket").hasPassed("turnOffHerokuApp", "changeDatabasePassword",
                "checkDatabaseAvailable", "repointApp", "measureDowntime", "makeDatabaseNotPublic",
                "runClosePostgresPorts", "checkClosePostgresPorts", "deleteInterimHerokuUser", "verifyNewBucketAgain")
                .hasNotPassed("runDeployZappaWithSecret", "downtimeOverLimit");
        complete(run, "confirmDeleteOldBucket", Map.of("approved", true, "notes", "verified, delete it"));
        jobs.runAll(run.getId());

        assertThat(run).isEnded().hasPassed("deleteOldMediaBucket", "day2Done");
        String app = plan.heroku().app();
        JsonNode herokuApp = stored("heroku").path("apps").path(app);
        assertThat(herokuApp.path("maintenance").asBoolean()).isTrue();
        assertThat(heroku.formation(app)).isNotEmpty().allSatisfy(type -> assertThat(type.quantity()).isZero());
        JsonNode database = view("rds").path("instances").path(plan.rds().instanceId());
        assertThat(database.path("publiclyAccessible").asBoolean()).isFalse();
        assertThat(database.path("passwordVersion").asInt()).isEqualTo(2);
        assertThat(database.path("postgresPort").asText()).startsWith("closed");
        assertThat(view("iam").toString()).doesNotContain(plan.iam().herokuInterimUser().name() + "\"");
        assertThat(oldBucket().path("deleted").asBoolean()).isTrue();
        assertThat(oldBucket().path("objectsHeld").asLong()).isEqualTo(1240);
        long downtime = (Long) variable(run, "downtimeSeconds");
        assertThat(downtime).isBetween(1L, 60L);
        assertThat((Boolean) variable(run, "downtimeWithinLimit")).isTrue();
        JsonNode worldDowntime = view("hosting").path("www").path("passwordChangeDowntime");
        assertThat(worldDowntime.path("to").isTextual()).isTrue();
        assertThat(worldDowntime.path("seconds").asDouble()).isPositive().isLessThanOrEqualTo(downtime);
        assertThat(view("hosting").path("www").path("databaseConnects").asBoolean()).isTrue();
        String arn = (String) variable(run, "databasePasswordSecret");
        assertThat(arn).startsWith("arn:aws:secretsmanager:").contains("harden/database-password");
        assertThat(outcomes("harden")).containsEntry("Turn off the Heroku app", "changed")
                .containsEntry("Change database user password", "changed")
                .containsEntry("Measure the downtime", "checked")
                .containsEntry("Delete the old media bucket", "changed");
    }

    @Test
    void aPasswordChangeWhoseDowntimeIsOverTheLimitGoesToTheLeadWhoseRollbackTurnsHerokuBackOnWithTheNewPassword()
            throws Exception {
        faults.arm("rds.password.slow", 1);
        ProcessInstance run = turnedOff("slow");

        assertThat(run).isWaitingAt("downtimeOverLimit");
        assertThat((Long) variable(run, "downtimeSeconds")).isGreaterThan(60L);
        assertThat((String) variable(run, "downtime")).contains("limit 60 s");
        complete(run, "downtimeOverLimit", Map.of("approved", false, "decision", "rollback"));
        jobs.runAll(run.getId());

        assertThat(run).isEnded().hasPassed("pointEveryAppAtNewPassword", "turnHerokuAppBackOn", "day2RolledBack")
                .hasNotPassed("makeDatabaseNotPublic");
        String app = plan.heroku().app();
        assertThat(stored("heroku").path("apps").path(app).path("maintenance").asBoolean()).isFalse();
        assertThat(heroku.formation(app)).filteredOn(type -> type.type().equals("web"))
                .extracting(Formation::quantity).containsExactly(2);
        String password = secrets.read((String) variable(run, "databasePasswordSecret"));
        String encoded = java.net.URLEncoder.encode(password, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(heroku.configVars(app).get(plan.rds().urlVariable())).contains("@").contains(encoded);
        // the compensation handled the password too: still nowhere but the secret store
        assertThat(SecretScan.findIn(dataSource, List.of(password, encoded))).isEmpty();
        assertThat(logs.linesContaining(List.of(password, encoded))).isEmpty();
    }

    @Test
    void repointingLambdaAgainWhenItAlreadyHoldsTheNewPasswordIsRecordedAsAlreadyDone() {
        faults.arm("rds.password.slow", 1);
        ProcessInstance run = turnedOff("repoint-again");
        assertThat(run).isWaitingAt("downtimeOverLimit");

        complete(run, "downtimeOverLimit", Map.of("approved", true, "decision", "repoint"));
        jobs.runAll(run.getId());

        assertThat(ledger.entries("repoint-again")).filteredOn(entry -> entry.step().equals(
                "Point the app at the new password")).extracting(entry -> entry.outcome().label())
                .containsExactly("changed", "already done");
    }

    @Test
    void aRollbackFindingLambdaAndHerokuOnTheNewPasswordAlreadyRecordsAlreadyDone() {
        faults.arm("rds.password.slow", 1);
        ProcessInstance run = turnedOff("already-pointed");
        assertThat(run).isWaitingAt("downtimeOverLimit");
        String app = plan.heroku().app();
        String password = secrets.read((String) variable(run, "databasePasswordSecret"));
        // an operator already gave the Heroku app the new password by hand
        String url = heroku.configVars(app).get(plan.rds().urlVariable());
        heroku.setConfigVars(app, Map.of(plan.rds().urlVariable(), url.replaceFirst("(://[^:/@]+:)[^@]*@",
                "$1" + java.util.regex.Matcher.quoteReplacement(
                        java.net.URLEncoder.encode(password, java.nio.charset.StandardCharsets.UTF_8)) + "@")));

        complete(run, "downtimeOverLimit", Map.of("approved", false, "decision", "rollback"));
        jobs.runAll(run.getId());

        assertThat(run).isEnded().hasPassed("pointEveryAppAtNewPassword", "day2RolledBack");
        assertThat(outcomes("already-pointed"))
                .containsEntry("Point Lambda and Heroku at the new database password", "already done");
    }

    @Test
    void aLambdaUpdateThatFailsLeavesTheSiteDownAndTheLeadIsToldWhy() {
        faults.arm("lambda.update.fails", 1);
        ProcessInstance run = turnedOff("failed-update");

        assertThat(run).isWaitingAt("downtimeOverLimit");
        assertThat((String) variable(run, "downtime")).startsWith("the site has not recovered")
                .contains("answered 500").contains("Lambda's last update: Failed");
        assertThat(view("hosting").path("www").path("databaseConnects").asBoolean()).isFalse();
    }

    @Test
    void aRefusedBucketDeletionIsAnIncidentThatNamesTheBucket() {
        ProcessInstance run = turnedOff("refused");
        faults.arm("s3.delete.refused", 10);

        complete(run, "confirmDeleteOldBucket", Map.of("approved", true));
        jobs.runAll(run.getId());

        assertThat(runtime.createIncidentQuery().processInstanceId(run.getId()).singleResult())
                .satisfies(incident -> {
                    assertThat(incident.getActivityId()).isEqualTo("deleteOldMediaBucket");
                    assertThat(incident.getIncidentMessage()).contains(plan.buckets().oldMedia())
                            .contains("AccessDenied");
                });
        assertThat(outcomes("refused")).containsEntry("Delete the old media bucket", "failed");
    }

    @Test
    void aRollbackRequestedBeforeTheOldBucketGoesUndoesDay2() {
        ProcessInstance run = turnedOff("undo");
        assertThat(run).isWaitingAt("confirmDeleteOldBucket");

        runtime.createMessageCorrelation("StopForRollback").processInstanceBusinessKey("undo")
                .setVariable("reason", "applications fail after the password change").correlate();
        jobs.runAll(run.getId());

        assertThat(run).isEnded().hasPassed("recreateInterimHerokuUser", "openPostgresPortsAgain",
                "checkReopenPostgresPorts", "portsOpenAgain", "makeDatabasePublicAgain", "pointEveryAppAtNewPassword", "turnHerokuAppBackOn", "day2RolledBackOnRequest");
        JsonNode database = view("rds").path("instances").path(plan.rds().instanceId());
        assertThat(database.path("publiclyAccessible").asBoolean()).isTrue();
        assertThat(stored("heroku").path("apps").path(plan.heroku().app()).path("maintenance").asBoolean()).isFalse();
        assertThat(iam.accessKeyIds(plan.iam().herokuInterimUser().name())).hasSize(1);
        assertThat(oldBucket().path("deleted").asBoolean()).isFalse();
    }

    @Test
    void undoingClosedPortsFollowsTheCreateStorageJobAndAFailedOneIsAnIncidentNamingIt() {
        ProcessInstance run = turnedOff("reopen-fails");
        assertThat(run).isWaitingAt("confirmDeleteOldBucket");
        faults.arm("tower.job.fails", 1);

        runtime.createMessageCorrelation("StopForRollback").processInstanceBusinessKey("reopen-fails")
                .setVariable("reason", "applications fail after the ports closed").correlate();
        jobs.runAll(run.getId());

        assertThat(run).isNotEnded().hasPassed("openPostgresPortsAgain", "checkReopenPostgresPorts")
                .hasNotPassed("day2RolledBackOnRequest");
        long job = (Long) runtime.getVariable(run.getId(), "createStorageJob");
        assertThat(runtime.createIncidentQuery().processInstanceId(run.getId()).singleResult()).satisfies(incident -> {
            assertThat(incident.getActivityId()).isEqualTo("relaunchReopenPostgresPorts");
            assertThat(incident.getIncidentMessage()).contains("AWX job " + job).contains("create_storage")
                    .contains("ended failed");
        });
    }

    @Test
    void aRollbackRequestedWhileTheDatabaseResetsPointsLambdaAndHerokuAtTheNewPassword() {
        launch("mid-rotation");
        faults.arm("rds.password.slow", 1);
        ProcessInstance run = phases.start("day-2", "mid-rotation");
        jobs.runAll(run.getId());
        complete(run, "confirmHerokuOff", Map.of("approved", true, "decision", "turn-off"));
        while (!runtime.getActiveActivityIds(run.getId()).contains("waitForDatabase")) {
            jobs.runNext(run.getId());
        }

        runtime.createMessageCorrelation("StopForRollback").processInstanceBusinessKey("mid-rotation")
                .setVariable("reason", "the database does not come back").correlate();
        jobs.runAll(run.getId());
        clock.advance(java.time.Duration.ofSeconds(90));

        assertThat(run).isEnded().hasPassed("pointEveryAppAtNewPassword", "turnHerokuAppBackOn",
                "day2RolledBackOnRequest").hasNotPassed("repointApp");
        assertThat(view("hosting").path("www").path("databaseConnects").asBoolean()).isTrue();
        String password = secrets.read((String) variable(run, "databasePasswordSecret"));
        assertThat(heroku.configVars(plan.heroku().app()).get(plan.rds().urlVariable()))
                .contains(java.net.URLEncoder.encode(password, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void aRollbackAfterTurningOffHerokuFailedHalfwayTurnsItBackOn() {
        launch("halfway");
        ProcessInstance run = phases.start("day-2", "halfway");
        jobs.runAll(run.getId());
        faults.arm("heroku.scale.fails", 1 + plan.timings().retries());
        complete(run, "confirmHerokuOff", Map.of("approved", true, "decision", "turn-off"));
        jobs.runAll(run.getId());
        assertThat(runtime.createIncidentQuery().processInstanceId(run.getId()).singleResult().getActivityId())
                .isEqualTo("turnOffHerokuApp");
        String app = plan.heroku().app();
        assertThat(stored("heroku").path("apps").path(app).path("maintenance").asBoolean()).isTrue();

        runtime.createMessageCorrelation("StopForRollback").processInstanceBusinessKey("halfway")
                .setVariable("reason", "Heroku refuses to scale").correlate();
        jobs.runAll(run.getId());

        assertThat(run).isEnded().hasPassed("undoUnfinishedOnRequest", "day2RolledBackOnRequest")
                .hasNotPassed("turnHerokuAppBackOn");
        assertThat(stored("heroku").path("apps").path(app).path("maintenance").asBoolean()).isFalse();
        assertThat(heroku.formation(app)).filteredOn(type -> type.type().equals("web"))
                .extracting(Formation::quantity).containsExactly(2);
        assertThat(ledger.entries("halfway")).anySatisfy(entry -> {
            assertThat(entry.step()).isEqualTo("Undo what an unfinished step did");
            assertThat(entry.detail()).contains("maintenance off");
        });
    }

    @Test
    void aNewBucketMissingAnObjectBehindManyNewUploadsKeepsTheOldBucket() {
        launch("behind");
        for (int upload = 0; upload < 25; upload++) {
            s3.put(plan.buckets().media(), "0-uploaded-on-lambda/" + upload + ".pdf", 1000);
        }
        s3.put(plan.buckets().oldMedia(), "zz-uploaded-on-heroku-last.pdf", 1000);
        ProcessInstance run = phases.start("day-2", "behind");
        jobs.runAll(run.getId());
        complete(run, "confirmHerokuOff", Map.of("approved", true, "decision", "turn-off"));
        jobs.runAll(run.getId());

        assertThat(run).isEnded().hasPassed("oldBucketKeptBehind").hasNotPassed("confirmDeleteOldBucket");
        assertThat(oldBucket().path("deleted").asBoolean()).isFalse();
        assertThat(ledger.entries("behind")).anySatisfy(entry -> assertThat(entry.detail())
                .contains("1 missing").contains("missing: zz-uploaded-on-heroku-last.pdf")
                .endsWith("the old bucket is kept"));
    }

    @Test
    void trafficOnTheOldAppIsShownAndTheLeadMayLookAgainOrStopWithNothingChanged() {
        launch("traffic");
        faults.arm("heroku.visitors", 1);
        ProcessInstance run = phases.start("day-2", "traffic");
        jobs.runAll(run.getId());
        assertThat((Integer) variable(run, "herokuRequests")).isPositive();

        complete(run, "confirmHerokuOff", Map.of("approved", false, "decision", "check-again"));
        jobs.runAll(run.getId());
        assertThat(run).isWaitingAt("confirmHerokuOff");
        complete(run, "confirmHerokuOff", Map.of("approved", false, "decision", "stop"));
        jobs.runAll(run.getId());

        assertThat(run).isEnded().hasPassed("day2StoppedAtTraffic").hasNotPassed("turnOffHerokuApp");
        assertThat(stored("heroku").path("apps").path(plan.heroku().app()).path("maintenance").asBoolean()).isFalse();
    }

    @Test
    void dnsThatHasNotPropagatedByTheDeadlineGoesToTheLead() {
        // without Day 1 the old name still points at Heroku
        ProcessInstance run = phases.start("day-2", "no-launch");

        jobs.runAll(run.getId());

        assertThat(run).isWaitingAt("dnsLateDecide");
        assertThat((String) variable(run, "dnsCheck")).contains("0 of 1 resolvers answer as expected");
        complete(run, "dnsLateDecide", Map.of("approved", false, "decision", "stop"));
        jobs.runAll(run.getId());
        assertThat(run).isEnded().hasPassed("day2StoppedDnsLate").hasNotPassed("checkHerokuTraffic");
    }

    @Test
    void theLeadMayKeepTheOldBucket() {
        ProcessInstance run = turnedOff("keep");

        complete(run, "confirmDeleteOldBucket", Map.of("approved", false, "notes", "keep it a week"));
        jobs.runAll(run.getId());

        assertThat(run).isEnded().hasPassed("oldBucketKept").hasNotPassed("deleteOldMediaBucket");
        assertThat(oldBucket().path("deleted").asBoolean()).isFalse();
    }

    @Test
    void afterAFullRehearsalWithTheRotationNoTableAndNoLogLineHoldsASecretTheRunHandled() throws Exception {
        String app = plan.heroku().app();
        Map<String, String> before = heroku.configVars(app);
        finish(runtime.startProcessInstanceByKey("before-day-0", "full"));
        String interimSecret = heroku.configVars(app).get(plan.heroku().s3SecretAccessKeyVar());
        finish(phases.start("day-0", "full"));
        launch("full");
        ProcessInstance run = phases.start("day-2", "full");
        finish(run, Map.of("confirmHerokuOff", "turn-off"));
        assertThat(run).isEnded().hasPassed("day2Done");

        String password = secrets.read((String) variable(run, "databasePasswordSecret"));
        List<String> secretsOfTheRun = new java.util.ArrayList<>(List.of(password,
                java.net.URLEncoder.encode(password, java.nio.charset.StandardCharsets.UTF_8),
                interimSecret,
                before.get(plan.heroku().s3SecretAccessKeyVar()),
                before.get("SECRET_KEY"), before.get("SENTRY_DSN"),
                java.net.URI.create(before.get("DATABASE_URL")).getUserInfo().split(":")[1],
                "rehearsal-admin-password"));
        for (String token : List.of("cutover.tower.token", "cutover.heroku.token", "cutover.namecheap.api-key",
                "cutover.mailgun.api-key", "cutover.pingdom.token", "cutover.github.token",
                "cutover.twilio.auth-token")) {
            secretsOfTheRun.add(environment.getRequiredProperty(token));
        }
        assertThat(password).hasSize(plan.passwordRotation().passwordLength());
        assertThat(SecretScan.findIn(dataSource, secretsOfTheRun)).isEmpty();
        assertThat(logs.linesContaining(secretsOfTheRun)).isEmpty();
        assertThat(logs.lines()).anySatisfy(line -> assertThat(line).contains("downtime of the password change"));
    }

    /** Runs a phase to its end, answering every task yes (or with the given decision). */
    private void finish(ProcessInstance run, Map<String, String> decisions) {
        for (int round = 0; round < 20; round++) {
            jobs.runAll(run.getId());
            List<Task> open = tasks.createTaskQuery().processInstanceId(run.getId()).list();
            if (open.isEmpty()) {
                return;
            }
            for (Task task : open) {
                Map<String, Object> answer = new java.util.HashMap<>(Map.of("approved", true));
                if (decisions.containsKey(task.getTaskDefinitionKey())) {
                    answer.put("decision", decisions.get(task.getTaskDefinitionKey()));
                }
                tasks.complete(task.getId(), answer);
            }
        }
    }

    private void finish(ProcessInstance run) {
        finish(run, Map.of());
    }

    /** Day 1 to its end, then Day 2 up to the old bucket's question, the lead having said turn it off. */
    private ProcessInstance turnedOff(String runKey) {
        launch(runKey);
        ProcessInstance run = phases.start("day-2", runKey);
        jobs.runAll(run.getId());
        complete(run, "confirmHerokuOff", Map.of("approved", true, "decision", "turn-off"));
        jobs.runAll(run.getId());
        return run;
    }

    /** Day 1 to its end: the new site live, the old name redirected. */
    private void launch(String runKey) {
        assertThat(phases.launched(runKey)).isEnded().hasPassed("day1Done");
    }

    private void complete(ProcessInstance run, String taskKey, Map<String, Object> answer) {
        jobs.runThenComplete(run.getId(), taskKey, answer);
    }

    private Object variable(ProcessInstance run, String name) {
        return engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(run.getId())
                .variableName(name).singleResult().getValue();
    }

    private JsonNode stored(String system) {
        return world.stored().get(system);
    }

    private JsonNode oldBucket() {
        return view("s3").path("buckets").path(plan.buckets().oldMedia());
    }

    /** A twin's world view, as GET /api/rehearsal/world shows it. */
    private JsonNode view(String system) {
        return views.view(system);
    }

    private Map<String, String> outcomes(String runKey) {
        Map<String, String> last = new java.util.LinkedHashMap<>();
        ledger.entries(runKey).forEach(entry -> last.put(entry.step(), entry.outcome().label()));
        return last;
    }
}

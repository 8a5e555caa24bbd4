package dev.cutover.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.heroku.HerokuPort;
import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.support.CutoverEngineTest;
import dev.cutover.support.Jobs;
import dev.cutover.support.RunPeople;
import dev.cutover.support.WorldViews;
import dev.cutover.support.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole cutover as one run, worked as people would: an operator (olivia) and two leads (leo,
 * who starts the run, and lena, who decides its gates under the four-eyes rule), each in their
 * group, never as admin.
 */
@CutoverEngineTest
@TestPropertySource(properties = "cutover.plan.four-eyes=true")
class CutoverRunTest {

    @Autowired TestRestTemplate http;
    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired ManagementService management;
    @Autowired IdentityService identity;
    @Autowired Jobs jobs;
    @Autowired TestClock clock;
    @Autowired WorldStore world;
    @Autowired Ledger ledger;
    @Autowired MigrationPlan plan;
    @Autowired HerokuPort heroku;
    @Autowired WorldViews views;

    @BeforeEach
    void freshWorldAndItsPeople() {
        BpmnAwareTests.init(engine);
        clock.reset();
        world.reset();
        RunPeople.ensure(identity);
    }

    @AfterEach
    void nobodySignedIn() {
        identity.clearAuthentication();
    }

    /** Every task of this run is completed over REST by a person of its group, as Tasklist would. */
    @Test
    void aDressRehearsalRunsEveryPhaseInOrderThroughTheLeadsGatesAndLeavesTheWorldHardened() throws Exception {
        ProcessInstance run = startOverRest("leo", "dress");
        assertThat((String) runtime.getVariable(run.getId(), "startedBy")).isEqualTo("leo");
        assertThat((String) runtime.getVariable(run.getId(), "timeLeft")).matches("T-7\\dh \\d{2}m");

        Task gate = workUntil("dress", "goForDay0");
        assertThat(gate.getDueDate()).isEqualTo(runtime.getVariable(run.getId(), "windowEnd"));
        ResponseEntity<String> refused = completeOverRest("leo", gate, Map.of("approved", true, "decision", "go"));
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody()).contains("Four-eyes rule").contains("other than leo, who started the run");
        assertThat(run).isWaitingAt("goForDay0");
        completedOverRest("lena", gate, Map.of("approved", true, "decision", "go", "notes", "preparation complete"));

        completedOverRest("lena", workUntil("dress", "goForDay1"), Map.of("approved", true, "decision", "go"));
        Task day2Wait = workUntil("dress", "waitForDay2");
        Date day2At = (Date) runtime.getVariable(run.getId(), "day2At");
        assertThat(Duration.between(clock.instant(), day2At.toInstant()))
                .isEqualTo(plan.launch().day2After().dividedBy(60));
        assertThat(day2Wait.getDueDate()).isEqualTo(runtime.getVariable(run.getId(), "windowEnd"));
        fireTimer(run, "day2Time");
        workUntil("dress", null);

        assertThat(run).isEnded().hasPassed("beforeDay0", "day0", "day1", "day2", "checkDay2Ended", "cutoverDone")
                .hasNotPassed("goForDay2Now");
        assertThat(phaseInstances("dress")).containsExactly("before-day-0", "day-0", "day-1", "day-2");
        String app = plan.heroku().app();
        assertThat(world.stored().get("heroku").path("apps").path(app).path("maintenance").asBoolean()).isTrue();
        assertThat(heroku.formation(app)).isNotEmpty().allSatisfy(type -> assertThat(type.quantity()).isZero());
        JsonNode database = view("rds").path("instances").path(plan.rds().instanceId());
        assertThat(database.path("publiclyAccessible").asBoolean()).isFalse();
        assertThat(database.path("passwordVersion").asInt()).isEqualTo(2);
        assertThat(database.path("postgresPort").asText()).startsWith("closed");
        assertThat(view("s3").path("buckets").path(plan.buckets().oldMedia()).path("deleted").asBoolean()).isTrue();
        assertThat(decisions("dress")).contains(
                "Go for Day 0?: approved, decision 'go' by lena: preparation complete",
                "Go for Day 1?: approved, decision 'go' by lena",
                "UAT on the new site: approved by olivia",
                "Make really sure: approved, decision 'go' by leo");
        assertThat(ledger.entries("dress")).filteredOn(entry -> entry.step().equals("Check how Day 2 ended"))
                .singleElement().satisfies(entry -> assertThat(entry.detail()).startsWith("day-2 ended done at 'day2Done'"));
        // an ended run's report shows when its window ended, and no time left
        JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                rest("leo").getForObject("/api/runs/dress/report", String.class));
        assertThat(report.path("clock").path("launch window ends").asText())
                .isEqualTo(((Date) historicVariable(run, "windowEnd")).toInstant().toString());
        assertThat(report.path("clock").has("time left")).isFalse();
    }

    /**
     * The second dress rehearsal: the launch happens, and while the run waits for Day 2 a lead asks
     * for a rollback over REST. The advisor picks the DNS path, a lead confirms, the run stops where
     * it waits, and the path sends every name and endpoint back to Heroku. Every task over REST.
     */
    @Test
    void aRollbackAfterTheRedirectGoesThroughTheAdvisorAndSendsEverythingBackToHeroku() {
        ProcessInstance run = startOverRest("leo", "launched");
        completedOverRest("lena", workUntil("launched", "goForDay0"), Map.of("approved", true, "decision", "go"));
        completedOverRest("lena", workUntil("launched", "goForDay1"), Map.of("approved", true, "decision", "go"));
        workUntil("launched", "waitForDay2");
        assertThat(view("namecheap").toString()).contains(plan.launch().newSiteUrl().getHost());
        Map<String, Object> request = Map.of("messageName", "RollbackRequested", "businessKey", "launched",
                "processVariables", Map.of("reason", Map.of("value", "clients cannot upload their PDFs"),
                        "dataIntact", Map.of("value", true)));

        assertThat(rest("olivia").postForEntity("/engine-rest/message", request, String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest("leo").postForEntity("/engine-rest/message", request, String.class).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        Task confirm = workUntil("launched", "confirmRollback");
        ProcessInstance advisor = runtime.createProcessInstanceQuery().processDefinitionKey("rollback")
                .processInstanceBusinessKey("launched").singleResult();
        assertThat((String) runtime.getVariable(advisor.getId(), "rollbackPath")).isEqualTo("rollback-dns");
        assertThat((String) runtime.getVariable(advisor.getId(), "rollbackPreview")).startsWith("1. Namecheap: ");
        assertThat(completeOverRest("olivia", confirm, Map.of("approved", true)).getStatusCode().is2xxSuccessful())
                .as("an operator cannot confirm a rollback").isFalse();
        completedOverRest("lena", confirm, Map.of("approved", true, "notes", "uploads broken since the launch"));
        workUntil("launched", null);

        assertThat(run).isEnded().hasPassed("stopForRollbackBeforeDay2", "cutoverRolledBackBeforeDay2");
        assertThat(advisor).isEnded().hasPassed("runRolledBack");
        assertThat(phaseInstances("launched")).containsExactly("before-day-0", "day-0", "day-1", "rollback",
                "rollback-dns");
        assertThat(view("namecheap").toString()).doesNotContain(plan.launch().newSiteUrl().getHost());
        String herokuUrl = plan.heroku().baseUrl().toString();
        assertThat(view("twilio").toString()).contains(herokuUrl).doesNotContain(plan.launch().newSiteUrl().toString());
        assertThat(view("mailgun").toString()).doesNotContain(plan.launch().newSiteUrl().toString());
        assertThat(ledger.entries("launched")).filteredOn(entry -> entry.outcome().label().equals("undone"))
                .extracting(entry -> entry.activityId()).containsExactlyInAnyOrder("restoreOldNameRecords",
                        "pointTwilioBackToHeroku", "pointMailgunBackToHeroku", "setRoute53ToRedirectBackToOldDomain");
        assertThat(decisions("launched")).contains("Put the scheduled tasks back on Heroku: approved by olivia");
    }

    @Test
    void aConfirmedRollbackWhileTheRunWaitsForDay2EndsItRolledBackAndDay2NeverStarts() {
        ProcessInstance run = startAt("waiting", "waitForDay2");
        assertThat(run).isWaitingAt("waitForDay2");

        runtime.createMessageCorrelation("StopForRollback").processInstanceBusinessKey("waiting")
                .setVariable("reason", "support reports lost applications").correlateAll();

        assertThat(run).isEnded().hasPassed("stopForRollbackBeforeDay2", "cutoverRolledBackBeforeDay2");
        assertThat(phaseInstances("waiting")).doesNotContain("day-2");
        assertThat(management.createJobQuery().processInstanceId(run.getId()).count()).isZero();
    }

    @Test
    void aConfirmedRollbackWhileTheLeadIsToBeAskedAgainEndsTheRunRolledBack() {
        ProcessInstance run = startAt("asked-again", "goForDay1");
        completeAs("lena", openTask("asked-again", "goForDay1"), Map.of("approved", false, "decision", "wait"));
        assertThat(run).isWaitingAt("waitToAskAgainForDay1");

        runtime.createMessageCorrelation("StopForRollback").processInstanceBusinessKey("asked-again").correlateAll();

        assertThat(run).isEnded().hasPassed("cutoverRolledBackWaitingForDay1");
    }

    @Test
    void aLeadsWaitAsksAgainLaterAndAStopEndsTheRunWithNothingMoreStarted() {
        ProcessInstance run = startAt("stopped", "goForDay0");
        completeAs("lena", openTask("stopped", "goForDay0"), Map.of("approved", false, "decision", "wait"));
        fireTimer(run, "askAgainForDay0");
        assertThat(run).isWaitingAt("goForDay0");

        completeAs("lena", openTask("stopped", "goForDay0"), Map.of("approved", false, "decision", "stop",
                "notes", "the database team is not ready"));

        assertThat(run).isEnded().hasPassed("cutoverStoppedAtDay0Gate");
        assertThat(phaseInstances("stopped")).isEmpty();
    }

    @Test
    void aPhaseThatEndsRolledBackEndsTheRunRolledBack() {
        ProcessInstance run = startAt("launch-undone", "day1");
        workUntil("launch-undone", "uatNewSite");
        completeAs("olivia", openTask("launch-undone", "uatNewSite"), Map.of("approved", false, "notes", "PDFs fail"));
        completeAs("leo", workUntil("launch-undone", "uatFailed"), Map.of("approved", false, "decision", "rollback"));
        workUntil("launch-undone", null);

        assertThat(run).isEnded().hasPassed("checkDay1Ended", "cutoverRolledBackInDay1").hasNotPassed("waitForDay2");
        assertThat((String) historicVariable(run, "phaseEnding")).isEqualTo("rolled back");
        assertThat(heroku.configVars(plan.heroku().app()))
                .containsEntry(plan.heroku().s3BucketVar(), plan.buckets().oldMedia());
    }

    @Test
    void theClosingWindowForcesTheLeadToExtendOrRollBack() {
        Instant end = clock.instant().plus(Duration.ofHours(2));
        ProcessInstance run = startAt("closing", "goForDay0", Map.of("windowEnd", Date.from(end)));
        fireTimer(run, "windowClosing");
        Task decide = openTask("closing", "extendOrRollBack");
        assertThat(run).isWaitingAt("goForDay0", "extendOrRollBack");
        assertThat((String) runtime.getVariable(run.getId(), "timeLeft")).isEqualTo("T-1h 00m");

        assertThatThrownBy(() -> completeAs("lena", decide, Map.of("approved", true, "decision", "extend",
                "newWindowEnd", "tomorrow evening")))
                .hasRootCauseInstanceOf(BadUserRequestException.class).hasMessageContaining("like 2026-12-05T18:00:00Z");
        Instant later = end.plus(Duration.ofHours(3)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        completeAs("lena", decide, Map.of("approved", true, "decision", "extend", "newWindowEnd", later.toString()));
        assertThat(((Date) runtime.getVariable(run.getId(), "windowEnd")).toInstant()).isEqualTo(later);
        assertThat(openTask("closing", "goForDay0").getDueDate().toInstant()).isEqualTo(later);

        fireTimer(run, "windowClosingAgain");
        completeAs("lena", openTask("closing", "extendOrRollBack"), Map.of("approved", false, "decision", "roll-back"));
        runCutoverSteps(run.getId());

        // the rollback advisor is asked; once a lead confirms, the run waiting at its gate stops
        assertThat(ledger.entries("closing")).anySatisfy(entry -> assertThat(entry.detail())
                .contains("asked the rollback advisor (RollbackRequested)"));
        ProcessInstance advisor = runtime.createProcessInstanceQuery().processDefinitionKey("rollback")
                .processInstanceBusinessKey("closing").singleResult();
        jobs.runAll(advisor.getId());
        completeAs("lena", openTask("closing", "confirmRollback"), Map.of("approved", true, "notes", "window closed"));
        jobs.runAll(advisor.getId());
        assertThat(run).isEnded().hasPassed("askForRollback", "stopForRollbackAtDay0Gate", "cutoverRolledBackAtDay0Gate");
    }

    @Test
    void overRestTheGateIsDecidedByTheSecondLeadAndRefusedToTheFirst() {
        ResponseEntity<Map> started = rest("leo").postForEntity("/engine-rest/process-definition/key/cutover/start",
                Map.of("businessKey", "over-rest"), Map.class);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
        String runId = (String) started.getBody().get("id");
        assertThat((String) runtime.getVariable(runId, "startedBy")).isEqualTo("leo");
        assertThat(rest("olivia").postForEntity("/engine-rest/process-definition/key/cutover/start",
                Map.of("businessKey", "over-rest-2"), String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        Task gate = workUntil("over-rest", "goForDay0");
        Map<String, Object> go = Map.of("variables", Map.of("approved", Map.of("value", true),
                "decision", Map.of("value", "go")));

        ResponseEntity<String> refused = rest("leo").postForEntity("/engine-rest/task/" + gate.getId() + "/complete",
                go, String.class);
        ResponseEntity<String> decided = rest("lena").postForEntity("/engine-rest/task/" + gate.getId() + "/complete",
                go, String.class);

        assertThat(refused.getStatusCode().is2xxSuccessful()).isFalse();
        assertThat(refused.getBody()).contains("Four-eyes rule");
        assertThat(decided.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(phaseInstances("over-rest")).containsExactly("before-day-0", "day-0");
        assertThat(decisions("over-rest")).contains("Go for Day 0?: approved, decision 'go' by lena");
    }

    // --- how people and the engine's jobs work a run ------------------------------------------------

    private ProcessInstance startOverRest(String user, String run) {
        ResponseEntity<Map> started = rest(user).postForEntity("/engine-rest/process-definition/key/cutover/start",
                Map.of("businessKey", run), Map.class);
        assertThat(started.getStatusCode()).as("%s starts %s: %s", user, run, started.getBody()).isEqualTo(HttpStatus.OK);
        return runtime.createProcessInstanceQuery().processInstanceId((String) started.getBody().get("id")).singleResult();
    }

    /** Completes the task over Camunda's REST API as Tasklist does, with the answer's values typed by JSON. */
    private ResponseEntity<String> completeOverRest(String user, Task task, Map<String, Object> answer) {
        Map<String, Object> variables = new HashMap<>();
        answer.forEach((name, value) -> variables.put(name, Map.of("value", value)));
        return rest(user).postForEntity("/engine-rest/task/" + task.getId() + "/complete",
                Map.of("variables", variables), String.class);
    }

    private void completedOverRest(String user, Task task, Map<String, Object> answer) {
        ResponseEntity<String> answered = completeOverRest(user, task, answer);
        assertThat(answered.getStatusCode()).as("%s completes %s: %s", user, task.getTaskDefinitionKey(),
                answered.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    }

    /** A run started by leo at one of its waits, as if what comes before had passed: one behaviour per test. */
    private ProcessInstance startAt(String run, String activity) {
        return startAt(run, activity, Map.of());
    }

    private ProcessInstance startAt(String run, String activity, Map<String, Object> variables) {
        Map<String, Object> given = new HashMap<>(variables);
        given.put("startedBy", "leo");
        given.put("day2At", Date.from(clock.instant().plus(Duration.ofHours(1))));
        return runtime.createProcessInstanceByKey("cutover").businessKey(run).setVariables(given)
                .startBeforeActivity(activity).execute();
    }

    private void completeAs(String user, Task task, Map<String, Object> answer) {
        identity.setAuthentication(user, List.of(RunPeople.GROUP_OF.get(user)));
        try {
            tasks.complete(task.getId(), answer);
        } finally {
            identity.clearAuthentication();
        }
    }

    /**
     * Runs the run's jobs (the phases' with the clock moving, the whole run's steps only, never its
     * timers) and works every task that appears as its group's person would, saying yes, until the
     * task {@code stopAt} waits (returned) or nothing is left to do.
     */
    private Task workUntil(String run, String stopAt) {
        for (int round = 0; round < 60; round++) {
            for (ProcessInstance instance : runtime.createProcessInstanceQuery().processInstanceBusinessKey(run).list()) {
                if (runtime.createProcessInstanceQuery().processInstanceId(instance.getId())
                        .processDefinitionKey("cutover").count() == 1) {
                    runCutoverSteps(instance.getId());
                } else {
                    jobs.runAll(instance.getId());
                }
            }
            List<Task> open = tasks.createTaskQuery().processInstanceBusinessKey(run).list();
            for (Task task : open) {
                if (task.getTaskDefinitionKey().equals(stopAt)) {
                    return task;
                }
            }
            Task next = open.stream().filter(task -> !task.getProcessDefinitionId().startsWith("cutover:"))
                    .findFirst().orElse(null);
            if (next == null && jobsToRun(run)) {
                continue;
            }
            if (next == null) {
                assertThat(stopAt).as("the run waits for no one but " + open).isNull();
                return null;
            }
            Map<String, Object> answer = new HashMap<>(Map.of("approved", true));
            if (next.getTaskDefinitionKey().equals("confirmHerokuOff")) {
                answer.put("decision", "turn-off");
            }
            if (next.getTaskDefinitionKey().equals("makeReallySure")) {
                answer.put("decision", "go");
            }
            completedOverRest(personFor(next), next, answer);
        }
        throw new IllegalStateException("run " + run + " still busy after 60 rounds");
    }

    /** Whether a job of the run waits to run: a phase's, or one of the whole run's own steps. */
    private boolean jobsToRun(String run) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(run).list().stream()
                .anyMatch(instance -> management.createJobQuery().processInstanceId(instance.getId()).withRetriesLeft()
                        .messages().count() > 0
                        || runtime.createProcessInstanceQuery().processInstanceId(instance.getId())
                        .processDefinitionKey("cutover").count() == 0
                        && management.createJobQuery().processInstanceId(instance.getId()).withRetriesLeft().count() > 0);
    }

    private String personFor(Task task) {
        List<String> groups = tasks.getIdentityLinksForTask(task.getId()).stream()
                .map(IdentityLink::getGroupId).filter(java.util.Objects::nonNull).toList();
        return groups.contains("cutover-operators") ? "olivia" : "leo";
    }

    /** The whole run's own steps (how a phase ended), not its timers: a test fires those on purpose. */
    private void runCutoverSteps(String runId) {
        for (Job job : management.createJobQuery().processInstanceId(runId).messages().list()) {
            management.executeJob(job.getId());
        }
    }

    private void fireTimer(ProcessInstance run, String activityId) {
        Job timer = management.createJobQuery().processInstanceId(run.getId()).timers().activityId(activityId)
                .singleResult();
        assertThat(timer).as("timer of " + activityId).isNotNull();
        clock.advanceTo(timer.getDuedate().toInstant());
        management.executeJob(timer.getId());
        runCutoverSteps(run.getId());
    }

    private Task openTask(String run, String key) {
        return tasks.createTaskQuery().processInstanceBusinessKey(run).taskDefinitionKey(key).singleResult();
    }

    private List<String> phaseInstances(String run) {
        return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(run)
                .orderByProcessInstanceStartTime().asc().list().stream()
                .map(instance -> instance.getProcessDefinitionKey()).filter(key -> !key.equals("cutover")).toList();
    }

    private List<String> decisions(String run) {
        return ledger.entries(run).stream().filter(entry -> entry.outcome().label().equals("decided"))
                .map(entry -> entry.step() + ": " + entry.detail()).toList();
    }

    private Object historicVariable(ProcessInstance run, String name) {
        return engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(run.getId())
                .variableName(name).singleResult().getValue();
    }

    private JsonNode view(String system) {
        return views.view(system);
    }

    private TestRestTemplate rest(String user) {
        return RunPeople.as(http, user);
    }
}

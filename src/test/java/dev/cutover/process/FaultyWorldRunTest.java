package dev.cutover.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import dev.cutover.heroku.HerokuPort;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.support.CutoverEngineTest;
import dev.cutover.support.Jobs;
import dev.cutover.support.RunPeople;
import dev.cutover.support.LogCapture;
import dev.cutover.support.SecretScan;
import dev.cutover.support.TestClock;
import dev.cutover.support.WorldViews;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricJobLog;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole cutover run in a world whose every outside system fails 30 % of its calls at random
 * (seeded, so a failure replays): it completes by the engine's retries alone. A permanent failure
 * leaves an incident naming the step and the error; once the fault is cleared, a retry over REST
 * finishes the run. The figures go to the log ({@code docs/reliability.md} quotes them).
 */
@CutoverEngineTest
@TestPropertySource(properties = "cutover.plan.timings.retries=" + FaultyWorldRunTest.RETRIES)
class FaultyWorldRunTest {

    /**
     * Retries per step for a world that fails 30 % of its calls: a step making k calls succeeds an
     * attempt with probability 0.7^k, so the plan's 5 leave incidents (docs/reliability.md, "Faults").
     */
    static final int RETRIES = 20;

    private static final Logger log = LoggerFactory.getLogger(FaultyWorldRunTest.class);
    private static final double RATE = 0.3;
    /** The world's seed; {@code -Dcutover.faults.seed=…} replays another. */
    private static final long SEED = Long.getLong("cutover.faults.seed", 20261204L);

    @RegisterExtension final LogCapture logs = new LogCapture();

    @Autowired TestRestTemplate http;
    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired ManagementService management;
    @Autowired HistoryService history;
    @Autowired RepositoryService repository;
    @Autowired IdentityService identity;
    @Autowired Jobs jobs;
    @Autowired TestClock clock;
    @Autowired WorldStore world;
    @Autowired Faults faults;
    @Autowired MigrationPlan plan;
    @Autowired HerokuPort heroku;
    @Autowired DataSource dataSource;
    @Autowired Environment environment;
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

    @Test
    void withThirtyPercentOfEveryOutsideCallFailingTheWholeRunCompletesByRetriesAlone() throws Exception {
        Map<String, String> herokuBefore = heroku.configVars(plan.heroku().app());
        ResponseEntity<Map> armed = rest("leo").postForEntity("/api/rehearsal/faults",
                Map.of("target", Faults.ALL_FLAKY, "rate", RATE, "seed", SEED), Map.class);
        assertThat(armed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(armed.getBody()).containsKey(Faults.ALL_FLAKY);

        ProcessInstance run = startAs("leo", "flaky");
        workUntil("flaky", "goForDay0", true);
        completeAs("leo", openTask("flaky", "goForDay0"), Map.of("approved", true, "decision", "go"));
        workUntil("flaky", "goForDay1", true);
        completeAs("leo", openTask("flaky", "goForDay1"), Map.of("approved", true, "decision", "go"));
        workUntil("flaky", "waitForDay2", true);
        Job day2 = management.createJobQuery().processInstanceId(run.getId()).timers().activityId("day2Time")
                .singleResult();
        clock.advanceTo(day2.getDuedate().toInstant());
        management.executeJob(day2.getId());
        workUntil("flaky", null, true);

        assertThat(run).isEnded().hasPassed("beforeDay0", "day0", "day1", "day2", "cutoverDone");
        assertThat(view("s3").path("buckets").path(plan.buckets().oldMedia()).path("deleted").asBoolean()).isTrue();
        Faults.FlakyCalls counts = faults.flakyCalls(Faults.ALL_FLAKY);
        List<HistoricJobLog> failures = failureLogs("flaky");
        long incidents = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey("flaky").list().stream()
                .mapToLong(instance -> history.createHistoricIncidentQuery().processInstanceId(instance.getId()).count())
                .sum();
        long jobsRun = jobLogs("flaky").stream().filter(HistoricJobLog::isSuccessLog).count();
        long mostAttempts = failures.stream().collect(java.util.stream.Collectors.groupingBy(
                HistoricJobLog::getJobId, java.util.stream.Collectors.counting())).values().stream()
                .mapToLong(Long::longValue).max().orElse(0) + 1;
        log.info("Faulty world: {} outside calls met all.flaky at rate {} (seed {}), {} failed; {} jobs succeeded,"
                + " {} job attempts failed and were retried, at most {} attempts of one job; {} incidents",
                counts.calls(), RATE, SEED, counts.failed(), jobsRun, failures.size(), mostAttempts, incidents);
        assertThat(counts.failed()).as("faults injected").isGreaterThan(counts.calls() / 5);
        assertThat(failures).as("retries consumed").hasSizeGreaterThanOrEqualTo((int) (counts.failed() / 2));
        assertThat(failures).allSatisfy(failure -> assertThat(failure.getJobExceptionMessage())
                .contains("fault injected by the rehearsal: all.flaky"));
        assertThat(incidents).as("incidents raised: every step, playbook launches included, recovers by retries alone")
                .isZero();

        List<String> secrets = new ArrayList<>(List.of(herokuBefore.get(plan.heroku().s3SecretAccessKeyVar()),
                herokuBefore.get("SECRET_KEY"), URI.create(herokuBefore.get("DATABASE_URL")).getUserInfo().split(":")[1],
                "rehearsal-admin-password"));
        for (String token : List.of("cutover.tower.token", "cutover.heroku.token", "cutover.namecheap.api-key",
                "cutover.mailgun.api-key", "cutover.pingdom.token", "cutover.github.token", "cutover.twilio.auth-token")) {
            secrets.add(environment.getRequiredProperty(token));
        }
        assertThat(SecretScan.findIn(dataSource, secrets)).isEmpty();
        assertThat(logs.linesContaining(secrets)).isEmpty();
    }

    @Test
    void aPermanentFailureLeavesAnIncidentNamingTheStepAndARetryOverRestFinishesTheRunOnceItIsCleared() {
        ResponseEntity<Map> armed = rest("leo").postForEntity("/api/rehearsal/faults",
                Map.of("target", "tower.outage", "times", 1000), Map.class);
        assertThat(armed.getStatusCode()).isEqualTo(HttpStatus.OK);
        ProcessInstance run = startAs("leo", "broken");

        workUntil("broken", null, false);

        List<Incident> raised = runtime.createIncidentQuery().processInstanceId(phase("broken", "before-day-0")).list();
        assertThat(raised).as("the incidents of the failing steps").isNotEmpty();
        for (Incident each : raised) {
            String step = repository.getBpmnModelInstance(each.getProcessDefinitionId())
                    .getModelElementById(each.getActivityId()).getAttributeValue("name");
            assertThat(step).isNotBlank();
            assertThat(each.getIncidentMessage()).contains("AWX answered 503 Service Unavailable")
                    .contains("fault injected by the rehearsal: tower.outage");
            log.info("Permanent fault: incident on '{}' ({}): {}", step, each.getActivityId(), each.getIncidentMessage());
        }
        Incident incident = raised.get(0);
        assertThat(history.createHistoricIncidentQuery().incidentId(incident.getId()).singleResult().isOpen()).isTrue();

        // a retry while the fault is still armed fails again and keeps the incident
        String job = incident.getConfiguration();
        assertThat(retry("leo", job).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        jobs.runAll(incident.getProcessInstanceId());
        assertThat(runtime.createIncidentQuery().processInstanceId(incident.getProcessInstanceId()).count())
                .isEqualTo(raised.size());
        // an operator may not retry; a lead clears the fault, retries, and the run goes on to its end
        assertThat(retry("olivia", job).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest("leo").exchange("/api/rehearsal/faults/tower.outage", HttpMethod.DELETE, null, Map.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(rest("leo").exchange("/api/rehearsal/faults/tower.outage", HttpMethod.DELETE, null, Map.class)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        for (Incident each : raised) {
            assertThat(retry("leo", each.getConfiguration()).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        }

        workUntil("broken", "goForDay0", false);
        assertThat(runtime.createIncidentQuery().count()).isZero();
        assertThat(history.createHistoricIncidentQuery().processInstanceId(incident.getProcessInstanceId()).resolved()
                .count()).isEqualTo(history.createHistoricIncidentQuery().processInstanceId(incident.getProcessInstanceId())
                .count()).isGreaterThanOrEqualTo(raised.size());
        completeAs("leo", openTask("broken", "goForDay0"), Map.of("approved", true, "decision", "go"));
        workUntil("broken", "goForDay1", false);
        completeAs("leo", openTask("broken", "goForDay1"), Map.of("approved", true, "decision", "go"));
        workUntil("broken", "waitForDay2", false);
        Job day2 = management.createJobQuery().processInstanceId(run.getId()).timers().activityId("day2Time")
                .singleResult();
        clock.advanceTo(day2.getDuedate().toInstant());
        management.executeJob(day2.getId());
        workUntil("broken", null, false);
        assertThat(run).isEnded().hasPassed("cutoverDone");
    }

    @Test
    void aFlakyTargetIsArmedWithARateAndASeedOnlyAndTheSameSeedFailsTheSameCalls() {
        assertThat(rest("leo").postForEntity("/api/rehearsal/faults",
                Map.of("target", "s3.flaky", "rate", 1.5, "seed", 1), Map.class).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(rest("leo").postForEntity("/api/rehearsal/faults",
                Map.of("target", "s3.outage", "rate", 0.3, "seed", 1), Map.class).getBody().toString())
                .contains("'<system>.flaky'");
        assertThat(rest("leo").postForEntity("/api/rehearsal/faults",
                Map.of("target", "s3.flaky", "times", 3), Map.class).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(rest("olivia").postForEntity("/api/rehearsal/faults",
                Map.of("target", "s3.flaky", "rate", 0.3, "seed", 1), Map.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(view("faults").size()).isZero();

        List<Boolean> first = drawn(40);
        List<Boolean> replay = drawn(40);
        faults.armFlaky("github.flaky", RATE, SEED + 1);
        List<Boolean> otherSeed = new ArrayList<>();
        for (int call = 0; call < 40; call++) {
            otherSeed.add(fails());
        }
        assertThat(replay).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
        assertThat(first).contains(true, false);
        assertThat(view("faults").path("github.flaky").path("calls").asLong()).isEqualTo(40);

        faults.armFlaky("github.flaky", 0, SEED);
        assertThat(view("faults").has("github.flaky")).isFalse();
        assertThat(fails()).isFalse();
    }

    private List<Boolean> drawn(int calls) {
        faults.armFlaky("github.flaky", RATE, SEED);
        List<Boolean> outcomes = new ArrayList<>();
        for (int call = 0; call < calls; call++) {
            outcomes.add(fails());
        }
        return outcomes;
    }

    private boolean fails() {
        try {
            faults.outage("github.outage", "GitHub answered 503 Service Unavailable");
            return false;
        } catch (RuntimeException failed) {
            assertThat(failed).hasMessageContaining("fault injected by the rehearsal: github.flaky");
            return true;
        }
    }

    // --- how people and the engine's jobs work the run ---------------------------------------------

    private ProcessInstance startAs(String user, String run) {
        identity.setAuthentication(user, List.of(RunPeople.GROUP_OF.get(user)));
        try {
            return runtime.startProcessInstanceByKey("cutover", run);
        } finally {
            identity.clearAuthentication();
        }
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
     * Runs every job of the run's instances (retry back-offs and timers passing on the test's clock)
     * and answers every task yes, until the task {@code stopAt} waits or nothing is left to do; with
     * {@code noIncidents}, an incident fails the test at once.
     */
    private void workUntil(String run, String stopAt, boolean noIncidents) {
        for (int round = 0; round < 200; round++) {
            for (ProcessInstance instance : runtime.createProcessInstanceQuery().processInstanceBusinessKey(run).list()) {
                boolean wholeRun = runtime.createProcessInstanceQuery().processInstanceId(instance.getId())
                        .processDefinitionKey("cutover").count() == 1;
                if (wholeRun) {
                    runOwnSteps(instance.getId());
                } else {
                    jobs.runAll(instance.getId());
                }
            }
            if (noIncidents) {
                for (Incident incident : runtime.createIncidentQuery().incidentType("failedJob").list()) {
                    if (incident.getConfiguration() == null) {
                        continue;
                    }
                    String name = repository.getBpmnModelInstance(incident.getProcessDefinitionId())
                            .getModelElementById(incident.getActivityId()).getAttributeValue("name");
                    throw new AssertionError("incident on '" + name + "' (" + incident.getActivityId() + "), which"
                            + " should have recovered by its retries: " + incident.getIncidentMessage());
                }
            }
            List<Task> open = tasks.createTaskQuery().processInstanceBusinessKey(run).list();
            if (open.stream().anyMatch(task -> task.getTaskDefinitionKey().equals(stopAt))) {
                return;
            }
            Task next = open.stream().filter(task -> !task.getProcessDefinitionId().startsWith("cutover:"))
                    .findFirst().orElse(null);
            if (next == null && jobsToRun(run)) {
                continue;
            }
            if (next == null) {
                assertThat(stopAt).as("the run waits for no one but " + open).isNull();
                return;
            }
            Map<String, Object> answer = new HashMap<>(Map.of("approved", true));
            if (next.getTaskDefinitionKey().equals("confirmHerokuOff")) {
                answer.put("decision", "turn-off");
            }
            if (next.getTaskDefinitionKey().equals("makeReallySure")) {
                answer.put("decision", "go");
            }
            completeAs(personFor(next), next, answer);
        }
        throw new IllegalStateException("run " + run + " still busy after 200 rounds");
    }

    /** The whole run's own message jobs (how a phase ended), retried as the executor would; never its timers. */
    private void runOwnSteps(String runId) {
        for (Job job : management.createJobQuery().processInstanceId(runId).messages().withRetriesLeft().list()) {
            try {
                management.executeJob(job.getId());
            } catch (RuntimeException failedAndRetried) {
                log.debug("a step of the whole run failed; retried: {}", failedAndRetried.getMessage());
            }
        }
    }

    private boolean jobsToRun(String run) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(run).list().stream()
                .anyMatch(instance -> runtime.createProcessInstanceQuery().processInstanceId(instance.getId())
                        .processDefinitionKey("cutover").count() == 1
                        ? management.createJobQuery().processInstanceId(instance.getId()).messages().withRetriesLeft()
                        .count() > 0
                        : management.createJobQuery().processInstanceId(instance.getId()).withRetriesLeft().count() > 0);
    }

    private String personFor(Task task) {
        List<String> groups = tasks.getIdentityLinksForTask(task.getId()).stream()
                .map(IdentityLink::getGroupId).filter(java.util.Objects::nonNull).toList();
        return groups.contains("cutover-operators") ? "olivia" : "leo";
    }

    private Task openTask(String run, String key) {
        return tasks.createTaskQuery().processInstanceBusinessKey(run).taskDefinitionKey(key).singleResult();
    }

    private String phase(String run, String key) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(run).processDefinitionKey(key)
                .singleResult().getId();
    }

    private List<HistoricJobLog> jobLogs(String run) {
        List<HistoricJobLog> all = new ArrayList<>();
        history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(run).list().forEach(instance ->
                all.addAll(history.createHistoricJobLogQuery().processInstanceId(instance.getId()).list()));
        return all;
    }

    private List<HistoricJobLog> failureLogs(String run) {
        return jobLogs(run).stream().filter(HistoricJobLog::isFailureLog).toList();
    }

    private ResponseEntity<String> retry(String user, String jobId) {
        return rest(user).exchange("/engine-rest/job/" + jobId + "/retries", HttpMethod.PUT,
                new HttpEntity<>(Map.of("retries", 1)), String.class);
    }

    private com.fasterxml.jackson.databind.JsonNode view(String system) {
        return views.view(system);
    }

    private TestRestTemplate rest(String user) {
        return RunPeople.as(http, user);
    }
}

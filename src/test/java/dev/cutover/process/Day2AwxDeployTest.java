package dev.cutover.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.aws.secrets.SecretStorePort;
import dev.cutover.ledger.Ledger;
import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.support.CutoverEngineTest;
import dev.cutover.support.EarlierPhases;
import dev.cutover.support.Jobs;
import dev.cutover.support.TestClock;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** The plan's other way to repoint the app: the Deploy Zappa job, given the secret's ARN and never the password. */
@CutoverEngineTest
@TestPropertySource(properties = "cutover.plan.password-rotation.repoint=awx-deploy")
class Day2AwxDeployTest {

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired Jobs jobs;
    @Autowired EarlierPhases phases;
    @Autowired TestClock clock;
    @Autowired WorldStore world;
    @Autowired SecretStorePort secrets;
    @Autowired Faults faults;
    @Autowired ManagementService management;
    @Autowired Ledger ledger;

    @BeforeEach
    void freshWorld() {
        BpmnAwareTests.init(engine);
        clock.reset();
        world.reset();
    }

    @Test
    void theDeployZappaJobGetsTheSecretsArnAndNeverThePassword() {
        phases.launched("awx");
        ProcessInstance run = phases.start("day-2", "awx");
        jobs.runAll(run.getId());
        Task confirm = tasks.createTaskQuery().processInstanceId(run.getId()).taskDefinitionKey("confirmHerokuOff")
                .singleResult();
        tasks.complete(confirm.getId(), Map.of("approved", true, "decision", "turn-off"));
        jobs.runAll(run.getId());

        assertThat(run).isWaitingAt("confirmDeleteOldBucket")
                .hasPassed("runDeployZappaWithSecret", "checkDeployZappa", "measureDowntime")
                .hasNotPassed("repointApp", "downtimeOverLimit");
        assertThat((Boolean) engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(run.getId()).variableName("downtimeWithinLimit").singleResult().getValue()).isTrue();
        String arn = (String) engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(run.getId()).variableName("databasePasswordSecret").singleResult().getValue();
        String tower = world.stored().get("tower").toString();
        assertThat(tower).contains("\"db_password_secret_arn\":\"" + arn + "\"")
                .doesNotContain(secrets.read(arn));
    }

    @Test
    void aFailedDeployIsAnIncidentAndItsRelaunchAlsoGetsTheSecretsArn() {
        phases.launched("relaunch");
        ProcessInstance run = phases.start("day-2", "relaunch");
        jobs.runAll(run.getId());
        faults.arm("tower.job.fails", 1);
        Task confirm = tasks.createTaskQuery().processInstanceId(run.getId()).taskDefinitionKey("confirmHerokuOff")
                .singleResult();
        tasks.complete(confirm.getId(), Map.of("approved", true, "decision", "turn-off"));
        jobs.runAll(run.getId());
        Incident incident = runtime.createIncidentQuery().processInstanceId(run.getId()).singleResult();
        assertThat(incident.getActivityId()).isEqualTo("relaunchDeployZappa");

        management.setJobRetries(incident.getConfiguration(), 1);
        jobs.runAll(run.getId());

        assertThat(run).isWaitingAt("confirmDeleteOldBucket");
        String arn = (String) engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(run.getId()).variableName("databasePasswordSecret").singleResult().getValue();
        JsonNode jobsInAwx = world.stored().get("tower").path("jobs");
        List<JsonNode> deploys = new java.util.ArrayList<>();
        jobsInAwx.forEach(job -> {
            if (job.path("extraVars").has("db_password_secret_arn")) {
                deploys.add(job);
            }
        });
        assertThat(deploys).hasSize(2).allSatisfy(job ->
                assertThat(job.path("extraVars").path("db_password_secret_arn").asText()).isEqualTo(arn));
    }

    @Test
    void theLeadsRepointGoesTheDeployZappaWayAgain() {
        // given Day 1 is done and the password change takes longer than the downtime limit
        phases.launched("awx-repoint");
        faults.arm("rds.password.slow", 1);
        ProcessInstance run = phases.start("day-2", "awx-repoint");
        complete(run, "confirmHerokuOff", Map.of("approved", true, "decision", "turn-off"));

        // when the lead, told the downtime was over the limit, repoints, then goes on
        complete(run, "downtimeOverLimit", Map.of("approved", true, "decision", "repoint"));
        complete(run, "downtimeOverLimit", Map.of("approved", true, "decision", "continue"));
        jobs.runAll(run.getId());

        // then "Repoint how?" takes the plan's way, the Deploy Zappa job, both times, and the repeat
        // on purpose launches the job again
        assertThat(run).isWaitingAt("confirmDeleteOldBucket").hasNotPassed("repointApp");
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(run.getId())
                .orderPartiallyByOccurrence().asc().list().stream().map(activity -> activity.getActivityId())
                .filter(List.of("repointMerge", "repointHow", "runDeployZappaWithSecret", "repointApp")::contains))
                .containsExactly("repointMerge", "repointHow", "runDeployZappaWithSecret",
                        "repointMerge", "repointHow", "runDeployZappaWithSecret");
        // each attempt launches with its own marker, written to the ledger first
        assertThat(ledger.entries("awx-repoint").stream()
                .filter(entry -> entry.phase().equals("day-2") && entry.step().equals("Run Deploy Zappa playbook"))
                .map(entry -> entry.outcome().label() + (entry.undo().containsKey("launchMarker")
                        ? " " + entry.undo().get("launchMarker").replaceFirst(".*/", "") : "")))
                .containsExactly("checked attempt-1", "changed", "checked attempt-2", "changed");
    }

    private void complete(ProcessInstance run, String taskKey, Map<String, Object> answer) {
        jobs.runThenComplete(run.getId(), taskKey, answer);
    }

    @Test
    void repointingAgainOnPurposeLaunchesTheDeployZappaJobAgain() {
        phases.launched("again");
        faults.arm("rds.password.slow", 1);
        ProcessInstance run = phases.start("day-2", "again");
        jobs.runAll(run.getId());
        Task confirm = tasks.createTaskQuery().processInstanceId(run.getId()).taskDefinitionKey("confirmHerokuOff")
                .singleResult();
        tasks.complete(confirm.getId(), Map.of("approved", true, "decision", "turn-off"));
        jobs.runAll(run.getId());
        assertThat(run).isWaitingAt("downtimeOverLimit");
        assertThat(deployJobs()).hasSize(1);

        Task overLimit = tasks.createTaskQuery().processInstanceId(run.getId())
                .taskDefinitionKey("downtimeOverLimit").singleResult();
        tasks.complete(overLimit.getId(), Map.of("approved", true, "decision", "repoint"));
        jobs.runAll(run.getId());

        // the downtime still counts from the password change: the lead is asked again, after a second deploy
        assertThat(run).isWaitingAt("downtimeOverLimit").hasPassed("checkDeployZappa");
        List<JsonNode> deploys = deployJobs();
        assertThat(deploys).hasSize(2);
        assertThat(deploys.get(1).path("id").asLong()).isNotEqualTo(deploys.get(0).path("id").asLong());
        assertThat(runtime.getVariable(run.getId(), "deployZappaJob")).isEqualTo(deploys.get(1).path("id").asLong());
        assertThat(ledger.entries("again")).filteredOn(entry -> entry.phase().equals("day-2")
                        && entry.step().equals("Run Deploy Zappa playbook"))
                .extracting(entry -> entry.outcome().label()).containsExactly("checked", "changed", "checked", "changed");
    }

    @Test
    void aSecondDeployThatFailsAfterARelaunchIsReportedAsItsOwnFailureBeforeItIsRelaunched() {
        phases.launched("twice");
        faults.arm("rds.password.slow", 1);
        faults.arm("tower.job.fails", 1);
        ProcessInstance run = phases.start("day-2", "twice");
        complete(run, "confirmHerokuOff", Map.of("approved", true, "decision", "turn-off"));
        retryTheIncidentAt(run, "relaunchDeployZappa");
        assertThat(run).isWaitingAt("downtimeOverLimit");
        assertThat(deployJobs()).hasSize(2);

        // the lead repoints: the Deploy Zappa job runs again, and fails again
        faults.arm("tower.job.fails", 1);
        complete(run, "downtimeOverLimit", Map.of("approved", true, "decision", "repoint"));
        jobs.runAll(run.getId());

        Incident second = runtime.createIncidentQuery().processInstanceId(run.getId()).singleResult();
        List<JsonNode> deploys = deployJobs();
        assertThat(deploys).hasSize(3);
        assertThat(second).as("the third job's failure, not the relaunch of the first").isNotNull();
        assertThat(second.getIncidentMessage()).startsWith("AWX job " + deploys.get(2).path("id").asLong() + " ");
        retryTheIncidentAt(run, "relaunchDeployZappa");
        assertThat(deployJobs()).hasSize(4);
        assertThat(runtime.getVariable(run.getId(), "deployZappaJob")).isEqualTo(deployJobs().get(3).path("id").asLong());
        assertThat(run).isWaitingAt("downtimeOverLimit");
    }

    private void retryTheIncidentAt(ProcessInstance run, String activityId) {
        jobs.runAll(run.getId());
        Incident incident = runtime.createIncidentQuery().processInstanceId(run.getId()).singleResult();
        assertThat(incident).as("an incident at " + activityId).isNotNull();
        assertThat(incident.getActivityId()).isEqualTo(activityId);
        management.setJobRetries(incident.getConfiguration(), 1);
        jobs.runAll(run.getId());
    }

    /** The AWX jobs launched with the new password's ARN: Day 2's Deploy Zappa jobs. */
    private List<JsonNode> deployJobs() {
        List<JsonNode> deploys = new java.util.ArrayList<>();
        world.stored().get("tower").path("jobs").forEach(job -> {
            if (job.path("extraVars").has("db_password_secret_arn")) {
                deploys.add(job);
            }
        });
        return deploys;
    }

    private void complete(ProcessInstance run, String taskKey) {
        jobs.runAll(run.getId());
        Task task = tasks.createTaskQuery().processInstanceId(run.getId()).taskDefinitionKey(taskKey).singleResult();
        tasks.complete(task.getId(), "makeReallySure".equals(taskKey)
                ? Map.of("approved", true, "decision", "go") : Map.of("approved", true));
    }
}

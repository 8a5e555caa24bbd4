package dev.cutover.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.aws.secrets.SecretStorePort;
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

    @BeforeEach
    void freshWorld() {
        BpmnAwareTests.init(engine);
        clock.reset();
        world.reset();
    }

    @Test
    void theDeployZappaJobGetsTheSecretsArnAndNeverThePassword() {
        ProcessInstance day1 = phases.start("day-1", "awx");
        for (String task : List.of("uatNewSite", "turnOffScheduledTasks", "uatTwilioVoicemail", "makeReallySure")) {
            complete(day1, task);
        }
        jobs.runAll(day1.getId());
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
        ProcessInstance day1 = phases.start("day-1", "relaunch");
        for (String task : List.of("uatNewSite", "turnOffScheduledTasks", "uatTwilioVoicemail", "makeReallySure")) {
            complete(day1, task);
        }
        jobs.runAll(day1.getId());
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

    private void complete(ProcessInstance run, String taskKey) {
        jobs.runAll(run.getId());
        Task task = tasks.createTaskQuery().processInstanceId(run.getId()).taskDefinitionKey(taskKey).singleResult();
        tasks.complete(task.getId(), Map.of("approved", true));
    }
}

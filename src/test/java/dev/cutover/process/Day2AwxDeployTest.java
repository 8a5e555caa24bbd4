package dev.cutover.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import dev.cutover.aws.secrets.SecretStorePort;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.support.CutoverEngineTest;
import dev.cutover.support.Jobs;
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
    @Autowired TestClock clock;
    @Autowired WorldStore world;
    @Autowired SecretStorePort secrets;

    @BeforeEach
    void freshWorld() {
        BpmnAwareTests.init(engine);
        clock.reset();
        world.reset();
    }

    @Test
    void theDeployZappaJobGetsTheSecretsArnAndNeverThePassword() {
        ProcessInstance day1 = runtime.startProcessInstanceByKey("day-1", "awx-launch");
        for (String task : List.of("uatNewSite", "turnOffScheduledTasks", "uatTwilioVoicemail", "makeReallySure")) {
            complete(day1, task);
        }
        jobs.runAll(day1.getId());
        ProcessInstance run = runtime.startProcessInstanceByKey("day-2", "awx");
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

    private void complete(ProcessInstance run, String taskKey) {
        jobs.runAll(run.getId());
        Task task = tasks.createTaskQuery().processInstanceId(run.getId()).taskDefinitionKey(taskKey).singleResult();
        tasks.complete(task.getId(), Map.of("approved", true));
    }
}

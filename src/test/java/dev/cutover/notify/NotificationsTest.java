package dev.cutover.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.support.CutoverEngineTest;
import dev.cutover.support.EarlierPhases;
import dev.cutover.support.Jobs;
import dev.cutover.support.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@CutoverEngineTest
class NotificationsTest {

    @Autowired ProcessEngine engine;

    @Autowired EarlierPhases phases;
    @Autowired RuntimeService runtime;
    @Autowired RepositoryService repository;
    @Autowired TaskService tasks;
    @Autowired Jobs jobs;
    @Autowired TestClock clock;
    @Autowired WorldStore world;
    @Autowired Faults faults;
    @Autowired IncidentNotifications incidents;

    @BeforeEach
    void freshWorld() {
        BpmnAwareTests.init(engine);
        clock.reset();
        world.reset();
    }

    @Test
    void theUatTaskTellsTheOperatorsOnceWithTheRunTheTaskAndTasklistsLink() {
        ProcessInstance run = phases.start("day-1", "notify-uat");

        jobs.runAll(run.getId());

        assertThat(run).isWaitingAt("uatNewSite");
        String taskId = tasks.createTaskQuery().processInstanceId(run.getId()).singleResult().getId();
        JsonNode message = awaitOne("notify-uat");
        assertThat(message.path("group").asText()).isEqualTo("cutover-operators");
        assertThat(message.path("to")).extracting(JsonNode::asText)
                .containsExactly("cutover-operators@clearmyrecord.org");
        assertThat(message.path("channel").asText()).isEqualTo("mailgun");
        assertThat(message.path("status").asText()).isEqualTo("sent");
        assertThat(message.path("subject").asText())
                .isEqualTo("[cutover notify-uat] UAT on the new site waits for cutover-operators");
        assertThat(message.path("text").asText()).contains("Run: notify-uat (day-1)")
                .contains("/camunda/app/tasklist/default/#/?task=" + taskId);
    }

    @Test
    void anEscalationIsATaskForTheLeadsAndTellsThem() {
        faults.arm("sites.www-late", 1);
        ProcessInstance run = phases.start("day-1", "notify-late");

        jobs.runAll(run.getId());

        assertThat(run).isWaitingAt("siteLateAtWww");
        JsonNode message = awaitOne("notify-late");
        assertThat(message.path("group").asText()).isEqualTo("cutover-leads");
        assertThat(message.path("to")).extracting(JsonNode::asText).containsExactly("cutover-leads@clearmyrecord.org");
        assertThat(message.path("subject").asText())
                .isEqualTo("[cutover notify-late] The site is late at www: wait or roll back? waits for cutover-leads");
    }

    @Test
    void anIncidentTellsTheLeadsOnceHoweverOftenTheIncidentsAreLookedAt() {
        faults.arm("rds.snapshot.fails", 1);
        ProcessInstance run = phases.start("day-0", "notify-incident");

        jobs.runAll(run.getId());
        incidents.tellNewIncidents();
        incidents.tellNewIncidents();

        JsonNode message = awaitOne("notify-incident");
        assertThat(message.path("group").asText()).isEqualTo("cutover-leads");
        assertThat(message.path("to")).extracting(JsonNode::asText).containsExactly("cutover-leads@clearmyrecord.org");
        assertThat(message.path("subject").asText()).isEqualTo("[cutover notify-incident] Incident at Check the snapshot");
        assertThat(message.path("text").asText()).contains("Run: notify-incident (day-0)")
                .contains("never become available")
                .contains("/camunda/app/cockpit/default/#/process-instance/" + run.getId() + "/runtime");
        incidents.tellNewIncidents();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> sentFor("notify-incident").size() == 1);
    }

    @Test
    void aSecretInAnIncidentsMessageNeverReachesTheNotification() {
        ProcessInstance run = phases.start("day-1", "notify-secret");
        jobs.runAll(run.getId());
        runtime.createIncident("failedJob", run.getId(), "notify-secret",
                "Deploy refused: DATABASE_URL=postgres://clearmyrecord:Xy7-secret-Pw@db.internal/app password=Xy7-secret-Pw");

        incidents.tellNewIncidents();

        JsonNode message = awaitOne("notify-secret", "cutover-leads");
        assertThat(message.toString()).contains("Deploy refused").doesNotContain("Xy7-secret-Pw");
    }

    @Test
    void aFailingChannelLeavesTheRunWhereItWouldBeAndKeepsTheMessageAsFailed() {
        faults.arm("notifications.outage", 1);
        ProcessInstance run = phases.start("day-1", "notify-outage");

        jobs.runAll(run.getId());

        assertThat(run).isWaitingAt("uatNewSite");
        assertThat(awaitOne("notify-outage").path("status").asText()).isEqualTo("failed");
        assertThat(runtime.createIncidentQuery().processInstanceId(run.getId()).count()).isZero();
    }

    @Test
    void aTaskCreatedInATransactionThatRollsBackTellsNoOne() {
        BpmnModelInstance model = Bpmn.createExecutableProcess("notify-rollback")
                .camundaHistoryTimeToLive(1)
                .startEvent().parallelGateway("fork")
                .userTask("waits").name("Waits for the operators").camundaCandidateGroups("cutover-operators")
                .endEvent()
                .moveToNode("fork")
                .serviceTask("fails").name("Fails").camundaExpression("${execution.getVariable('missing').length()}")
                .endEvent()
                .done();
        repository.createDeployment().addModelInstance("notify-rollback.bpmn", model).deploy();

        assertThatThrownBy(() -> runtime.startProcessInstanceByKey("notify-rollback", "notify-rollback"));
        ProcessInstance committed = phases.start("day-1", "notify-committed");
        jobs.runAll(committed.getId());

        awaitOne("notify-committed");
        assertThat(sentFor("notify-rollback")).isEmpty();
    }

    private JsonNode awaitOne(String run) {
        return awaitOne(run, null);
    }

    private JsonNode awaitOne(String run, String group) {
        await().atMost(Duration.ofSeconds(30)).until(() -> sentFor(run, group).size() == 1);
        return sentFor(run, group).get(0);
    }

    private List<JsonNode> sentFor(String run) {
        return sentFor(run, null);
    }

    private List<JsonNode> sentFor(String run, String group) {
        List<JsonNode> found = new ArrayList<>();
        JsonNode stored = world.stored().get(SimulatedNotifier.SYSTEM);
        if (stored != null) {
            stored.path("messages").forEach(message -> {
                if (message.path("subject").asText().startsWith("[cutover " + run + "]")
                        && (group == null || group.equals(message.path("group").asText()))) {
                    found.add(message);
                }
            });
        }
        return found;
    }
}

package dev.cutover.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.support.CutoverEngineTest;
import dev.cutover.support.EarlierPhases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A request the model refuses answers 400 over Camunda's REST API with the refusal's own message,
 * and nothing changes: the task is still open, no run is started.
 */
@CutoverEngineTest
class RefusedRequestsTest {

    private static final String ADMIN = "admin:rehearsal-admin-password";

    @LocalServerPort int port;
    @Autowired RuntimeService runtime;
    @Autowired EarlierPhases phases;
    @Autowired TaskService tasks;
    @Autowired RepositoryService repository;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void completingTheUatWithoutApprovedAnswers400NamingApproved() throws Exception {
        Task uat = taskAt("day-1", "refused-uat-1", "uatNewSite");

        HttpResponse<String> response = post("/engine-rest/task/" + uat.getId() + "/complete",
                "{\"variables\": {\"notes\": {\"value\": \"looks fine\"}}}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("json"));
        assertThat(response.body()).contains("\"type\":\"BadUserRequestException\"")
                .contains("\"message\":\"Complete 'UAT on the new site' with a boolean variable 'approved'")
                .doesNotContain("Exception while invoking").doesNotContain("at org.camunda");
        assertThat(tasks.createTaskQuery().taskId(uat.getId()).count()).isEqualTo(1);
    }

    @Test
    void submittingTheUatFormWithoutApprovedAnswers400() throws Exception {
        Task uat = taskAt("day-1", "refused-uat-2", "uatNewSite");

        HttpResponse<String> response = post("/engine-rest/task/" + uat.getId() + "/submit-form",
                "{\"variables\": {}}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("with a boolean variable 'approved'");
        assertThat(tasks.createTaskQuery().taskId(uat.getId()).count()).isEqualTo(1);
    }

    @Test
    void approvedAsTextInsteadOfABooleanAnswers400() throws Exception {
        Task uat = taskAt("day-1", "refused-uat-3", "uatNewSite");

        HttpResponse<String> response = post("/engine-rest/task/" + uat.getId() + "/complete",
                "{\"variables\": {\"approved\": {\"value\": \"yes\"}}}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("with a boolean variable 'approved'");
        assertThat(tasks.createTaskQuery().taskId(uat.getId()).count()).isEqualTo(1);
    }

    @Test
    void approvedThatCannotBeABooleanAnswers400() throws Exception {
        Task uat = taskAt("day-1", "refused-uat-4", "uatNewSite");

        HttpResponse<String> response = post("/engine-rest/task/" + uat.getId() + "/complete",
                "{\"variables\": {\"approved\": {\"value\": \"perhaps\", \"type\": \"Integer\"}}}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Cannot convert value 'perhaps' of type 'Integer'");
        assertThat(tasks.createTaskQuery().taskId(uat.getId()).count()).isEqualTo(1);
    }

    @Test
    void aDecisionThatIsNotAllowedAnswers400ListingTheAllowedOnes() throws Exception {
        Task late = taskAt("day-2", "refused-dns-1", "dnsLateDecide");

        HttpResponse<String> response = post("/engine-rest/task/" + late.getId() + "/complete",
                "{\"variables\": {\"approved\": {\"value\": true}, \"decision\": {\"value\": \"maybe\"}}}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("with a 'decision': one of [wait, continue, stop], not 'maybe'");
        assertThat(tasks.createTaskQuery().taskId(late.getId()).count()).isEqualTo(1);
    }

    @Test
    void startingAPhaseWithAMalformedBusinessKeyAnswers400AndStartsNothing() throws Exception {
        HttpResponse<String> response = post("/engine-rest/process-definition/key/day-0/start",
                "{\"businessKey\": \"Launch Day!\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"message\":\"Business key 'Launch Day!' cannot name a run");
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey("Launch Day!").count()).isZero();
    }

    @Test
    void aMessageWhoseStartedProcessRefusesAnswers400() throws Exception {
        repository.createDeployment().name("refused-requests-test")
                .addModelInstance("message-started.bpmn", Bpmn.createExecutableProcess("message-started")
                        .camundaHistoryTimeToLive(1)
                        .startEvent().message("StartByMessage")
                        .camundaExecutionListenerDelegateExpression("start", "${runKeyGuard}")
                        .userTask().camundaCandidateGroups("cutover-leads")
                        .endEvent().done())
                .deploy();

        HttpResponse<String> response = post("/engine-rest/message",
                "{\"messageName\": \"StartByMessage\", \"businessKey\": \"Not A Key\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Business key 'Not A Key' cannot name a run");
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("message-started").count()).isZero();
    }

    @Test
    void whatDoesNotExistAnswers404AndAMessageNobodyWaitsFor400() throws Exception {
        HttpResponse<String> noTask = post("/engine-rest/task/no-such-task/complete", "{\"variables\": {}}");
        HttpResponse<String> noProcess = post("/engine-rest/process-definition/key/no-such-process/start", "{}");
        HttpResponse<String> noListener = post("/engine-rest/message",
                "{\"messageName\": \"NobodyListens\", \"businessKey\": \"x\"}");

        assertThat(noTask.statusCode()).as(noTask.body()).isEqualTo(404);
        assertThat(noTask.body()).contains("no-such-task");
        assertThat(noProcess.statusCode()).as(noProcess.body()).isEqualTo(404);
        assertThat(noListener.statusCode()).as(noListener.body()).isEqualTo(400);
    }

    @Test
    void completingATaskWithAVariableItsFormDoesNotAskForAnswers400AndChangesNothing() throws Exception {
        Task uat = taskAt("day-1", "refused-uat-keys", "uatNewSite");

        HttpResponse<String> refused = post("/engine-rest/task/" + uat.getId() + "/complete",
                "{\"variables\": {\"approved\": {\"value\": true}, \"startedBy\": {\"value\": \"mallory\"}}}");
        HttpResponse<String> refusedForm = post("/engine-rest/task/" + uat.getId() + "/submit-form",
                "{\"variables\": {\"approved\": {\"value\": true}, \"syncDone\": {\"value\": true}}}");

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("'UAT on the new site' takes the answers").contains("approved")
                .contains("not [startedBy]");
        assertThat(refusedForm.statusCode()).as(refusedForm.body()).isEqualTo(400);
        assertThat(refusedForm.body()).contains("not [syncDone]");
        assertThat(tasks.createTaskQuery().taskId(uat.getId()).count()).isEqualTo(1);
        assertThat(runtime.getVariable(uat.getProcessInstanceId(), "startedBy")).isNull();

        HttpResponse<String> answered = post("/engine-rest/task/" + uat.getId() + "/complete",
                "{\"variables\": {\"approved\": {\"value\": true}, \"notes\": {\"value\": \"all fine\"}}}");
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(204);
    }

    @Test
    void aRollbackRequestedForARunThatDoesNotExistAnswers4xxAndStartsNothing() throws Exception {
        HttpResponse<String> response = post("/engine-rest/message",
                "{\"messageName\": \"RollbackRequested\", \"businessKey\": \"no-such-run\","
                        + " \"processVariables\": {\"reason\": {\"value\": \"test\"}}}");

        assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
        assertThat(response.body()).contains("no-such-run");
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("rollback")
                .processInstanceBusinessKey("no-such-run").count()).isZero();
    }

    @Test
    void aBodyLargerThanTheLimitAnswers413AndStartsNothing() throws Exception {
        String big = "x".repeat(2 * 1024 * 1024);
        HttpResponse<String> response = post("/engine-rest/process-definition/key/before-day-0/start",
                "{\"businessKey\": \"too-big\", \"variables\": {\"notes\": {\"value\": \"" + big + "\"}}}");

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("at most 1048576");
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey("too-big").count()).isZero();

        // the same body sent without a length (chunked) is read up to the limit, then refused
        HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/engine-rest/process-definition/key/before-day-0/start"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(ADMIN.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                        ("{\"businessKey\": \"too-big\", \"variables\": {\"notes\": {\"value\": \"" + big + "\"}}}")
                                .getBytes(StandardCharsets.UTF_8)))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey("too-big").count()).isZero();
    }

    @Test
    void anUnknownVariableOrAWrongTypeOnAStartIsRefused() throws Exception {
        HttpResponse<String> wrongType = post("/engine-rest/process-definition/key/cutover/start",
                "{\"businessKey\": \"wrong-type\", \"variables\": {\"windowEnd\": {\"value\": \"tomorrow\","
                        + " \"type\": \"Date\"}}}");

        assertThat(wrongType.statusCode()).as(wrongType.body()).isEqualTo(400);
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey("wrong-type").count()).isZero();

        HttpResponse<String> unknownKey = post("/engine-rest/process-definition/key/cutover/start",
                "{\"businessKey\": \"unknown-key\", \"variables\": {\"startedBy\": {\"value\": \"somebody-else\"}}}");
        assertThat(unknownKey.statusCode()).as(unknownKey.body()).isEqualTo(400);
        assertThat(unknownKey.body()).contains("'Cutover' takes the variables [windowEnd]; not [startedBy]");
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey("unknown-key").count()).isZero();

        HttpResponse<String> phase = post("/engine-rest/process-definition/key/day-0/start",
                "{\"businessKey\": \"unknown-key\", \"variables\": {\"runKey\": {\"value\": \"x\"}}}");
        assertThat(phase.statusCode()).as(phase.body()).isEqualTo(400);
        assertThat(phase.body()).contains("'Day 0' takes no variables; not [runKey]");

        HttpResponse<String> message = post("/engine-rest/message", "{\"messageName\": \"RollbackRequested\","
                + " \"businessKey\": \"unknown-key\", \"processVariables\": {\"reason\": {\"value\": \"x\"},"
                + " \"rollbackPath\": {\"value\": \"rollback-dns\"}}}");
        assertThat(message.statusCode()).as(message.body()).isEqualTo(400);
        assertThat(message.body()).contains("not [rollbackPath]").contains("dataIntact").contains("reason");
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey("unknown-key").count()).isZero();
    }

    private Task taskAt(String phase, String run, String activity) {
        phases.completedBefore(phase, run);
        String instance = runtime.createProcessInstanceByKey(phase).businessKey(run)
                .startBeforeActivity(activity).execute().getId();
        return tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey(activity).singleResult();
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(ADMIN.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}

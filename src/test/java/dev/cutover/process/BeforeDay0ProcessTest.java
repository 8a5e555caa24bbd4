package dev.cutover.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import dev.cutover.aws.iam.IamPort;
import dev.cutover.heroku.HerokuPort;
import dev.cutover.ledger.Ledger;
import dev.cutover.ledger.LedgerEntry;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.support.CutoverEngineTest;
import dev.cutover.support.Jobs;
import dev.cutover.support.LogCapture;
import dev.cutover.support.SecretScan;
import dev.cutover.support.TestClock;
import dev.cutover.tower.TowerPort;
import java.net.URI;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

@CutoverEngineTest
class BeforeDay0ProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired org.camunda.bpm.engine.ManagementService management;
    @Autowired TaskService tasks;
    @Autowired Jobs jobs;
    @Autowired TestClock clock;
    @Autowired WorldStore world;
    @Autowired Faults faults;
    @Autowired Ledger ledger;
    @Autowired MigrationPlan plan;
    @Autowired IamPort iam;
    @Autowired HerokuPort heroku;
    @Autowired TowerPort tower;
    @Autowired DataSource dataSource;
    @RegisterExtension final LogCapture logs = new LogCapture();

    @BeforeEach
    void freshWorld() {
        BpmnAwareTests.init(engine);
        clock.reset();
        world.reset();
    }

    @Test
    void preparationDoesWhatTheRunbookLeftOpenAndFindsTheRestAlreadyDone() throws Exception {
        Map<String, String> herokuBefore = heroku.configVars(plan.heroku().app());
        ProcessInstance run = runtime.startProcessInstanceByKey("before-day-0", "prep-happy");

        jobs.runAll(run.getId());

        assertThat(run).isWaitingAt("updateOldUrls");
        assertThat(run).variables()
                .containsEntry("sentryDsnSet", true)
                .containsEntry("certificateIssued", true)
                .containsEntry("quotaState", "granted")
                .containsKeys("towerInventory", "zappaCommandTemplate", "interimHerokuKeyId");
        assertThat((String) runtime.getVariable(run.getId(), "oldUrlFindings"))
                .contains(plan.domains().old().name());

        complete(run, "updateOldUrls", Map.of("approved", true, "notes", "footer and FAQ fixed"));
        jobs.runAll(run.getId());

        assertThat(run).isEnded().hasPassed("readyForDay0");
        assertThat(outcomes("prep-happy")).containsAllEntriesOf(Map.of(
                "Research Sentry for Lambda/AWS", "checked",
                "Set TTL of the old name to 60 s", "already done",
                "Increase limit of Elastic IPs", "changed",
                "Create ACM certificates for prod", "already done",
                "Setup alias from the new domain to the redirect bucket", "already done",
                "Create inventories in Tower for prod", "changed",
                "Add \"run arbitrary zappa command\" on Tower", "changed",
                "Create the Tower AMI user, update credentials on Tower", "already done",
                "Research: a second IAM user for Heroku", "changed",
                "Update the old URL where found, and on social media", "decided"));
        assertThat(outcomes("prep-happy")).containsEntry("Check the playbooks' job templates on Tower", "checked");
        String interimKey = (String) historicVariable(run, "interimHerokuKeyId");
        assertThat(heroku.configVars(plan.heroku().app()))
                .containsEntry(plan.heroku().s3AccessKeyIdVar(), interimKey);
        assertThat(iam.accessKeyIds(plan.iam().herokuInterimUser().name())).containsExactly(interimKey);
        List<String> secrets = List.of(
                heroku.configVars(plan.heroku().app()).get(plan.heroku().s3SecretAccessKeyVar()),
                herokuBefore.get(plan.heroku().s3SecretAccessKeyVar()),
                herokuBefore.get("SECRET_KEY"),
                URI.create(herokuBefore.get("DATABASE_URL")).getUserInfo().split(":")[1],
                "rehearsal-admin-password");
        assertThat(SecretScan.findIn(dataSource, secrets)).isEmpty();
        assertThat(logs.linesContaining(secrets)).isEmpty();
        assertThat(logs.lines()).isNotEmpty();
    }

    @Test
    void theCrawlsFindingsAreInTheWorld() {
        ProcessInstance run = runtime.startProcessInstanceByKey("before-day-0", "prep-crawl");

        jobs.runAll(run.getId());

        assertThat(world.stored().get("sites").at("/searches/0/report/findings").size()).isPositive();
        assertThat(world.stored().get("sites").at("/searches/0/needle").asText()).isEqualTo(plan.domains().old().name());
    }

    @Test
    void whenTowersCredentialHoldsNoKeyOfTheUserANewKeyGoesStraightIntoItAndTheOldOnesAreDeleted() {
        String user = plan.iam().towerUser().name();
        iam.deleteAccessKey(user, iam.accessKeyIds(user).get(0));
        iam.createAccessKey(user);
        String stray = iam.accessKeyIds(user).get(0);
        ProcessInstance run = runtime.startProcessInstanceByKey("before-day-0", "prep-rotate");

        jobs.runAll(run.getId());

        String held = tower.awsCredentialKeyId(plan.tower().awsCredential());
        assertThat(held).isNotEqualTo(stray);
        assertThat(iam.accessKeyIds(user)).containsExactly(held);
        assertThat(runtime.getVariable(run.getId(), "towerUserKeyId")).isEqualTo(held);
        assertThat(ledger.entries("prep-rotate")).anySatisfy(entry -> {
            assertThat(entry.step()).isEqualTo("Create the Tower AMI user, update credentials on Tower");
            assertThat(entry.outcome().label()).isEqualTo("changed");
            assertThat(entry.undo()).containsEntry("accessKeyId", held).containsEntry("deletedKeyIds", stray);
        });
    }

    @Test
    void aNamecheapApiErrorIsAnIncidentThatQuotesIt() {
        faults.arm("namecheap.error", 10);
        ProcessInstance run = runtime.startProcessInstanceByKey("before-day-0", "prep-namecheap");

        jobs.runAll(run.getId());

        assertThat(runtime.createIncidentQuery().processInstanceId(run.getId()).list())
                .singleElement().satisfies(incident -> {
                    assertThat(incident.getActivityId()).isEqualTo("setTtlOfOldName");
                    assertThat(incident.getIncidentMessage()).containsIgnoringCase("namecheap").contains("2030166");
                });
    }

    @Test
    void aPlaybookTemplateThatWouldIgnoreTheLaunchMarkerIsAnIncidentBeforeDay0_andARetryAfterItIsMendedGoesOn() {
        faults.arm("tower.template.no-prompt", 1000);
        ProcessInstance run = runtime.startProcessInstanceByKey("before-day-0", "prep-no-prompt");

        jobs.runAll(run.getId());

        assertThat(runtime.createIncidentQuery().processInstanceId(run.getId()).list())
                .singleElement().satisfies(incident -> {
                    assertThat(incident.getActivityId()).isEqualTo("checkPlaybookTemplates");
                    assertThat(incident.getIncidentMessage()).startsWith("3 job templates would not launch as the"
                                    + " cutover launches them: AWX job template '" + plan.tower().jobTemplates()
                                    .createStorage().name() + "'")
                            .contains("AWX would ignore the extra vars cutover_launch. Enable \"Prompt on launch\"");
                });
        assertThat(world.stored().get("tower").path("jobs").size()).as("nothing launched").isZero();

        faults.clear("tower.template.no-prompt");
        management.setJobRetries(runtime.createIncidentQuery().processInstanceId(run.getId()).singleResult()
                .getConfiguration(), 1);
        jobs.runAll(run.getId());

        assertThat(runtime.createIncidentQuery().processInstanceId(run.getId()).count()).isZero();
        assertThat(outcomes("prep-no-prompt")).containsEntry("Check the playbooks' job templates on Tower", "checked");
    }

    @Test
    void aSecondRunFindsEverythingAlreadyDone() {
        finish(runtime.startProcessInstanceByKey("before-day-0", "prep-twice"));
        ProcessInstance second = runtime.startProcessInstanceByKey("before-day-0", "prep-twice");

        finish(second);

        assertThat(second).isEnded();
        assertThat(ledger.entries("prep-twice").stream()
                .filter(entry -> entry.processInstanceId().equals(second.getId()))
                .map(LedgerEntry::outcome)
                .map(outcome -> outcome.label()))
                .doesNotContain("changed", "failed");
    }

    @Test
    void withoutASentryDsnAnOperatorIsAskedAndMayGoOnWithoutIt() {
        faults.arm("lambda.no-sentry", 1);
        ProcessInstance run = runtime.startProcessInstanceByKey("before-day-0", "prep-sentry");

        jobs.runAll(run.getId());
        complete(run, "setSentryDsn", Map.of("approved", false, "notes", "Sentry after launch"));
        finish(run);

        assertThat(run).isEnded().hasPassed("setSentryDsn");
        assertThat(ledger.entries("prep-sentry")).anySatisfy(entry -> {
            assertThat(entry.step()).isEqualTo("Set the Sentry DSN on the Lambda function");
            assertThat(entry.detail()).contains("not approved").contains("Sentry after launch");
        });
    }

    @Test
    void aDeniedQuotaRequestGoesToTheLead() {
        faults.arm("quotas.denied", 1);
        ProcessInstance run = runtime.startProcessInstanceByKey("before-day-0", "prep-quota");

        jobs.runAll(run.getId());

        Task task = tasks.createTaskQuery().processInstanceId(run.getId())
                .taskDefinitionKey("elasticIpIncreaseRefused").singleResult();
        assertThat(task).isNotNull();
        assertThat(tasks.getIdentityLinksForTask(task.getId()))
                .anyMatch(link -> "cutover-leads".equals(link.getGroupId()));
        complete(run, "elasticIpIncreaseRefused", Map.of("approved", true));
        finish(run);
        assertThat(run).isEnded();
    }

    @Test
    void readReplicasStopThePreparationWhenTheLeadDoesNotConfirm() {
        faults.arm("rds.read-replicas", 1);
        ProcessInstance run = runtime.startProcessInstanceByKey("before-day-0", "prep-replicas");

        jobs.runAll(run.getId());
        complete(run, "confirmReadReplicas", Map.of("approved", false, "notes", "subnets not planned yet"));

        assertThat(run).isEnded().hasPassed("notReadyForDay0").hasNotPassed("readyForDay0");
    }

    @Test
    void aUserTaskCannotBeCompletedWithoutAnAnswer() {
        ProcessInstance run = runtime.startProcessInstanceByKey("before-day-0", "prep-contract");
        jobs.runAll(run.getId());
        Task task = tasks.createTaskQuery().processInstanceId(run.getId()).taskDefinitionKey("updateOldUrls")
                .singleResult();

        assertThatThrownBy(() -> tasks.complete(task.getId(), Map.of("notes", "done")))
                .hasMessageContaining("with a boolean variable 'approved'");
        assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);
    }

    @Test
    void aCertificateThatFailsValidationIsAnIncidentWithAcmsReason() {
        faults.arm("acm.certificate.missing", 1);
        faults.arm("acm.validation.fails", 1);
        ProcessInstance run = runtime.startProcessInstanceByKey("before-day-0", "prep-acm");

        jobs.runAll(run.getId());

        List<Incident> incidents = runtime.createIncidentQuery().processInstanceId(run.getId()).list();
        assertThat(incidents).singleElement().satisfies(incident -> {
            assertThat(incident.getActivityId()).isEqualTo("checkCertificate");
            assertThat(incident.getIncidentMessage()).contains("FAILED");
        });
    }

    private Object historicVariable(ProcessInstance run, String name) {
        return engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(run.getId())
                .variableName(name).singleResult().getValue();
    }

    private void finish(ProcessInstance run) {
        for (int round = 0; round < 10; round++) {
            jobs.runAll(run.getId());
            List<Task> open = tasks.createTaskQuery().processInstanceId(run.getId()).list();
            if (open.isEmpty()) {
                return;
            }
            open.forEach(task -> tasks.complete(task.getId(), Map.of("approved", true)));
        }
    }

    private void complete(ProcessInstance run, String taskKey, Map<String, Object> answer) {
        Task task = tasks.createTaskQuery().processInstanceId(run.getId()).taskDefinitionKey(taskKey).singleResult();
        assertThat(task).as("open task " + taskKey).isNotNull();
        tasks.complete(task.getId(), answer);
    }

    private Map<String, String> outcomes(String runKey) {
        Map<String, String> last = new java.util.LinkedHashMap<>();
        ledger.entries(runKey).forEach(entry -> last.put(entry.step(), entry.outcome().label()));
        return last;
    }
}

package dev.cutover.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.support.CutoverEngineTest;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * What an operator, a lead and an auditor may do, each as a user of their own in their group (never
 * the admin), over Camunda's REST API and our /api with HTTP Basic, and in the engine. What each
 * may do is derived from the configured grants ({@code cutover.access.grants}): every check names
 * the grants that allow it, and a configured grant no check exercises fails
 * {@link #everyConfiguredGrantIsExercisedByACheck()}.
 */
@CutoverEngineTest
@TestPropertySource(properties = {
        "cutover.access.users[0].id=olga", "cutover.access.users[0].name=Olga Operator",
        "cutover.access.users[0].groups=cutover-operators",
        "cutover.access.users[1].id=leo", "cutover.access.users[1].name=Leo Lead",
        "cutover.access.users[1].groups=cutover-leads",
        "cutover.access.users[2].id=audrey", "cutover.access.users[2].name=Audrey Auditor",
        "cutover.access.users[2].groups=cutover-auditors",
        "cutover.access.users[3].id=nopass", "cutover.access.users[3].name=No Password",
        "cutover.access.users[3].groups=cutover-leads",
        // as the environment would give them (CUTOVER_PASSWORD_OLGA, …); nopass has none
        "CUTOVER_PASSWORD_OLGA=olga-secret-1", "CUTOVER_PASSWORD_LEO=leo-secret-2", "CUTOVER_PASSWORD_AUDREY=audrey-secret-3"
})
class AccessAsUsersTest {

    /** A user of each group, with the password the environment gave them. */
    enum Person {
        OPERATOR("olga", "olga-secret-1", "cutover-operators"),
        LEAD("leo", "leo-secret-2", "cutover-leads"),
        AUDITOR("audrey", "audrey-secret-3", "cutover-auditors");

        final String id;
        final String password;
        final String group;

        Person(String id, String password, String group) {
            this.id = id;
            this.password = password;
            this.group = group;
        }
    }

    /** A permission on a resource type, as the configuration writes them. */
    record Permission(String resource, String resourceId, String permission) {
        static Permission of(String resource, String permission) {
            return new Permission(resource, "*", permission);
        }
    }

    /**
     * Something a person does, and which grants allow it: any one of {@code alternatives}, each
     * needing all of its permissions ({@code candidate}: also allowed to the task's candidate group).
     */
    record Check(String name, List<Set<Permission>> alternatives, String candidate) {
        static Check anyOf(String name, Permission... permissions) {
            return new Check(name, Stream.of(permissions).map(Set::of).toList(), null);
        }

        Check orCandidate(String group) {
            return new Check(name, alternatives, group);
        }

        boolean allowedTo(String group, List<AccessSettings.Grant> grants) {
            if (group.equals(candidate)) {
                return true;
            }
            return alternatives.stream().anyMatch(all -> all.stream().allMatch(needed -> grants.stream().anyMatch(grant ->
                    grant.group().equals(group) && grant.resource().equals(needed.resource())
                            && (grant.resourceId().equals("*") || grant.resourceId().equals(needed.resourceId()))
                            && grant.permissions().contains(needed.permission()))));
        }
    }

    static final Check OPEN_TASKLIST = Check.anyOf("open Tasklist", new Permission("application", "tasklist", "ACCESS"));
    static final Check OPEN_COCKPIT = Check.anyOf("open Cockpit", new Permission("application", "cockpit", "ACCESS"));
    static final Check SEE_FILTERS = Check.anyOf("see Tasklist's filters", Permission.of("filter", "READ"));
    static final Check READ_DEPLOYMENTS = Check.anyOf("read deployments", Permission.of("deployment", "READ"));
    static final Check READ_DEFINITIONS = Check.anyOf("read process definitions",
            Permission.of("process-definition", "READ"));
    static final Check READ_INSTANCES = Check.anyOf("read running instances",
            Permission.of("process-definition", "READ_INSTANCE"), Permission.of("process-instance", "READ"));
    static final Check READ_HISTORY = Check.anyOf("read history",
            Permission.of("process-definition", "READ_HISTORY"), Permission.of("historic-process-instance", "READ"));
    static final Check START = new Check("start a process", List.of(Set.of(
            Permission.of("process-definition", "CREATE_INSTANCE"), Permission.of("process-instance", "CREATE"))), null);
    static final Check RETRY_JOB = Check.anyOf("retry a job",
            Permission.of("process-definition", "RETRY_JOB"), Permission.of("process-definition", "UPDATE_INSTANCE"),
            Permission.of("process-instance", "RETRY_JOB"), Permission.of("process-instance", "UPDATE"));
    static final Check CORRELATE = Check.anyOf("correlate a message",
            Permission.of("process-definition", "UPDATE_INSTANCE"), Permission.of("process-instance", "UPDATE"));
    static final Check READ_TASKS = Check.anyOf("read others' tasks", Permission.of("task", "READ"),
            Permission.of("process-definition", "READ_TASK"));
    static final Check COMPLETE_OPERATORS_TASK = Check.anyOf("complete an operators' task",
            Permission.of("task", "UPDATE"), Permission.of("process-definition", "UPDATE_TASK"))
            .orCandidate("cutover-operators");
    static final Check CLAIM_LEADS_TASK = Check.anyOf("claim a leads' task",
            Permission.of("task", "UPDATE"), Permission.of("process-definition", "UPDATE_TASK"))
            .orCandidate("cutover-leads");

    static final List<Check> CHECKS = List.of(OPEN_TASKLIST, OPEN_COCKPIT, SEE_FILTERS, READ_DEPLOYMENTS,
            READ_DEFINITIONS, READ_INSTANCES, READ_HISTORY, START, RETRY_JOB, CORRELATE, READ_TASKS,
            COMPLETE_OPERATORS_TASK, CLAIM_LEADS_TASK);

    private static final String PROCESS = "access-check";

    @LocalServerPort int port;
    @Autowired AccessSettings settings;
    @Autowired IdentityService identity;
    @Autowired RepositoryService repository;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired ManagementService management;

    private final HttpClient http = HttpClient.newHttpClient();
    private String run;
    private String instance;

    /** A process that waits in every way the checks need: a task per group, a message, a timer job. */
    @BeforeEach
    void aRunThatWaits() {
        if (repository.createProcessDefinitionQuery().processDefinitionKey(PROCESS).count() == 0) {
            BpmnModelInstance model = Bpmn.createExecutableProcess(PROCESS).name("Access check")
                    .camundaHistoryTimeToLive(1)
                    .startEvent().parallelGateway("fork")
                    .userTask("operatorsTask").camundaCandidateGroups("cutover-operators").endEvent()
                    .moveToNode("fork").userTask("leadsTask").camundaCandidateGroups("cutover-leads").endEvent()
                    .moveToNode("fork").intermediateCatchEvent("checked").message("AccessChecked").endEvent()
                    .moveToNode("fork").intermediateCatchEvent("later").timerWithDuration("PT1H").endEvent()
                    .done();
            repository.createDeployment().name(PROCESS).addModelInstance(PROCESS + ".bpmn", model).deploy();
        }
        run = "access-" + UUID.randomUUID().toString().substring(0, 8);
        instance = runtime.startProcessInstanceByKey(PROCESS, run).getId();
    }

    @Test
    void everyConfiguredGrantIsExercisedByACheck() {
        Set<String> unchecked = new LinkedHashSet<>();
        for (AccessSettings.Grant grant : settings.grants()) {
            for (String permission : grant.permissions()) {
                boolean exercised = CHECKS.stream().flatMap(check -> check.alternatives().stream())
                        .flatMap(Set::stream)
                        .anyMatch(needed -> needed.resource().equals(grant.resource())
                                && needed.permission().equals(permission)
                                && (grant.resourceId().equals("*") || grant.resourceId().equals(needed.resourceId())));
                if (!exercised) {
                    unchecked.add(grant.group() + ": " + permission + " on " + grant.resource()
                            + ("*".equals(grant.resourceId()) ? "" : " " + grant.resourceId()));
                }
            }
        }
        assertThat(unchecked).as("grants in cutover.access.grants that no check in AccessAsUsersTest exercises")
                .isEmpty();
        assertThat(settings.grants()).extracting(AccessSettings.Grant::group).allMatch(group ->
                Stream.of(Person.values()).anyMatch(person -> person.group.equals(group)));
    }

    static Stream<Arguments> everyCheckForEveryone() {
        List<Arguments> arguments = new ArrayList<>();
        for (Check check : CHECKS) {
            for (Person person : Person.values()) {
                arguments.add(Arguments.of(check.name(), person));
            }
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "{1} may {0} as the grants say")
    @MethodSource("everyCheckForEveryone")
    void overRestEachMayDoWhatTheGrantsSayAndNothingElse(String name, Person person) throws Exception {
        Check check = CHECKS.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
        boolean expected = check.allowedTo(person.group, settings.grants());

        boolean allowed = tryOverRest(check, person);

        assertThat(allowed).as("%s may %s (grants of %s)", person, name, person.group).isEqualTo(expected);
    }

    /** Whatever the configuration says, these hold: the contract of the three roles. */
    @Test
    void theRolesContractHolds() {
        assertThat(START.allowedTo("cutover-operators", settings.grants())).as("operators start nothing").isFalse();
        assertThat(START.allowedTo("cutover-auditors", settings.grants())).as("auditors start nothing").isFalse();
        assertThat(START.allowedTo("cutover-leads", settings.grants())).as("leads start runs").isTrue();
        assertThat(RETRY_JOB.allowedTo("cutover-operators", settings.grants())).isFalse();
        for (Check taskWork : List.of(COMPLETE_OPERATORS_TASK, CLAIM_LEADS_TASK, RETRY_JOB, CORRELATE, OPEN_TASKLIST)) {
            assertThat(taskWork.allowedTo("cutover-auditors", settings.grants())).as("auditors: " + taskWork.name()).isFalse();
        }
        for (Check reading : List.of(OPEN_COCKPIT, READ_DEFINITIONS, READ_INSTANCES, READ_HISTORY, READ_TASKS)) {
            assertThat(reading.allowedTo("cutover-auditors", settings.grants())).as("auditors: " + reading.name()).isTrue();
        }
    }

    @Test
    void anOperatorStartingAPhaseGets403AndNothingStarts() throws Exception {
        HttpResponse<String> response = send(Person.OPERATOR, "POST", "/engine-rest/process-definition/key/day-0/start",
                "{\"businessKey\": \"operator-start\"}");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("AuthorizationException");
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey("operator-start").count()).isZero();
    }

    @Test
    void inTheEngineAnOperatorCannotStartAndAnAuditorCannotCompleteWhileALeadDoesBoth() {
        String operatorsTask = taskId("operatorsTask");
        assertThatThrownBy(() -> as(Person.OPERATOR, () -> runtime.startProcessInstanceByKey(PROCESS, "engine-start")))
                .isInstanceOf(AuthorizationException.class);
        assertThatThrownBy(() -> as(Person.AUDITOR, () -> tasks.complete(operatorsTask)))
                .isInstanceOf(AuthorizationException.class);
        assertThatThrownBy(() -> as(Person.AUDITOR, () -> tasks.claim(operatorsTask, Person.AUDITOR.id)))
                .isInstanceOf(AuthorizationException.class);
        assertThat(tasks.createTaskQuery().taskId(operatorsTask).count()).isEqualTo(1);

        as(Person.LEAD, () -> runtime.startProcessInstanceByKey(PROCESS, "engine-start"));
        as(Person.OPERATOR, () -> tasks.complete(operatorsTask));

        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey("engine-start").count()).isEqualTo(1);
        assertThat(tasks.createTaskQuery().taskId(operatorsTask).count()).isZero();
    }

    @Test
    void theLeadAndAuditorsReadThePlansUnconfirmedValuesOperatorsDoNot() throws Exception {
        HttpResponse<String> lead = send(Person.LEAD, "GET", "/api/plan/unconfirmed", null);
        HttpResponse<String> auditor = send(Person.AUDITOR, "GET", "/api/plan/unconfirmed", null);
        HttpResponse<String> operator = send(Person.OPERATOR, "GET", "/api/plan/unconfirmed", null);

        assertThat(lead.statusCode()).isEqualTo(200);
        assertThat(lead.body()).contains("\"key\" : \"rds.instance-id\"").contains("\"value\" : \"clearmyrecord-prod\"");
        assertThat(auditor.statusCode()).isEqualTo(200);
        assertThat(operator.statusCode()).isEqualTo(403);
    }

    @Test
    void everyoneReadsARunsLedger() throws Exception {
        for (Person person : Person.values()) {
            assertThat(send(person, "GET", "/api/runs/" + run + "/ledger", null).statusCode()).as(person.name())
                    .isEqualTo(200);
        }
    }

    @Test
    void aUserWhosePasswordIsNotInTheEnvironmentIsNotCreatedAndNoPasswordIsLogged() {
        assertThat(identity.createUserQuery().userId("nopass").count()).isZero();
        assertThat(identity.createUserQuery().memberOfGroup("cutover-auditors").userId("audrey").count()).isEqualTo(1);
        assertThat(identity.createUserQuery().memberOfGroup("cutover-leads").userId("audrey").count()).isZero();
    }

    private boolean tryOverRest(Check check, Person person) throws Exception {
        if (check == OPEN_TASKLIST || check == OPEN_COCKPIT) {
            int status = login(person, check == OPEN_TASKLIST ? "tasklist" : "cockpit");
            return allowedOrRefused(status, 200);
        }
        if (check == SEE_FILTERS) {
            return !listOf(person, "/engine-rest/filter").equals("[]");
        }
        if (check == READ_DEPLOYMENTS) {
            return !listOf(person, "/engine-rest/deployment?name=" + PROCESS).equals("[]");
        }
        if (check == READ_DEFINITIONS) {
            return !listOf(person, "/engine-rest/process-definition?key=" + PROCESS).equals("[]");
        }
        if (check == READ_INSTANCES) {
            return !listOf(person, "/engine-rest/process-instance?businessKey=" + run).equals("[]");
        }
        if (check == READ_HISTORY) {
            return !listOf(person, "/engine-rest/history/process-instance?processInstanceBusinessKey=" + run).equals("[]");
        }
        if (check == READ_TASKS) {
            // the leads' task: operators are not its candidates, so only a grant shows it to them
            return !listOf(person, "/engine-rest/task?processInstanceBusinessKey=" + run + "&taskDefinitionKey=leadsTask")
                    .equals("[]");
        }
        if (check == START) {
            String key = "start-" + UUID.randomUUID().toString().substring(0, 8);
            boolean allowed = allowedOrRefused(send(person, "POST", "/engine-rest/process-definition/key/" + PROCESS
                    + "/start", "{\"businessKey\": \"" + key + "\"}").statusCode(), 200);
            assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(key).count()).isEqualTo(allowed ? 1 : 0);
            return allowed;
        }
        if (check == RETRY_JOB) {
            String job = management.createJobQuery().processInstanceId(instance).singleResult().getId();
            return allowedOrRefused(send(person, "PUT", "/engine-rest/job/" + job + "/retries", "{\"retries\": 7}")
                    .statusCode(), 204);
        }
        if (check == CORRELATE) {
            boolean allowed = allowedOrRefused(send(person, "POST", "/engine-rest/message",
                    "{\"messageName\": \"AccessChecked\", \"businessKey\": \"" + run + "\"}").statusCode(), 204);
            assertThat(runtime.createEventSubscriptionQuery().processInstanceId(instance).eventName("AccessChecked")
                    .count()).isEqualTo(allowed ? 0 : 1);
            return allowed;
        }
        if (check == COMPLETE_OPERATORS_TASK) {
            String task = taskId("operatorsTask");
            boolean allowed = allowedOrRefused(send(person, "POST", "/engine-rest/task/" + task + "/complete",
                    "{\"variables\": {}}").statusCode(), 204);
            assertThat(tasks.createTaskQuery().taskId(task).count()).isEqualTo(allowed ? 0 : 1);
            return allowed;
        }
        if (check == CLAIM_LEADS_TASK) {
            String task = taskId("leadsTask");
            return allowedOrRefused(send(person, "POST", "/engine-rest/task/" + task + "/claim",
                    "{\"userId\": \"" + person.id + "\"}").statusCode(), 204);
        }
        throw new AssertionError("no way to try " + check.name());
    }

    /** Allowed answers {@code ok}; refused answers 403 (or 401 for an app's login); anything else fails the test. */
    private static boolean allowedOrRefused(int status, int ok) {
        assertThat(status).as("either allowed or refused").isIn(ok, 401, 403);
        return status == ok;
    }

    private String listOf(Person person, String path) throws Exception {
        HttpResponse<String> response = send(person, "GET", path, null);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body().replaceAll("\\s", "");
    }

    private String taskId(String activity) {
        return tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey(activity).singleResult().getId();
    }

    private void as(Person person, Runnable action) {
        identity.setAuthentication(person.id, List.of(person.group));
        try {
            action.run();
        } finally {
            identity.clearAuthentication();
        }
    }

    /** Logs in to a web app as its login page does: a session and its XSRF token first, then the form. */
    private int login(Person person, String app) throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
        String base = "http://127.0.0.1:" + port + "/camunda";
        browser.send(HttpRequest.newBuilder(URI.create(base + "/app/" + app + "/default/")).build(),
                HttpResponse.BodyHandlers.discarding());
        String token = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue).findFirst().orElse("");
        String form = "username=" + URLEncoder.encode(person.id, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(person.password, StandardCharsets.UTF_8);
        return browser.send(HttpRequest.newBuilder(URI.create(base + "/api/admin/auth/user/default/login/" + app))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", token)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    private HttpResponse<String> send(Person person, String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (person.id + ":" + person.password).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

package dev.cutover.tower;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.jsonResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.cutover.step.StepFailedException;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@WireMockTest
class TowerAdapterTest {

    private static final String TOKEN = "dXNlci10b2tlbi1mb3ItY3V0b3Zlcg";
    private static final String BEARER = "Bearer " + TOKEN;
    private static final String TEMPLATE = "Deploy Zappa";
    private static final long TEMPLATE_ID = 7;
    private static final long JOB_ID = 345;
    private static final String TEMPLATES = "/api/v2/job_templates/";
    private static final String LAUNCH = "/api/v2/job_templates/7/launch/";
    private static final String JOB = "/api/v2/jobs/345/";
    private static final String CANCEL = "/api/v2/jobs/345/cancel/";
    private static final String STDOUT = "/api/v2/jobs/345/stdout/";
    private static final String TEMPLATE_JOBS = "/api/v2/job_templates/7/jobs/";

    private static final Map<String, Object> EXTRA_VARS = orderedVars();

    private TowerAdapter tower;

    @BeforeEach
    void connectToAwx(WireMockRuntimeInfo awx) {
        tower = TowerAdapter.create(URI.create(awx.getHttpBaseUrl()), TOKEN);
    }

    @Test
    void launchJob_findsTheTemplateByName_checksItsPrompts_andPostsTheExtraVars() {
        givenTemplates(templateJson(TEMPLATE_ID, TEMPLATE));
        givenLaunchPrompts(true, false, List.of());
        givenLaunchAnswers(201, launchedJson("{}"));

        TowerJob job = tower.launchJob(TEMPLATE, EXTRA_VARS);

        assertThat(job).isEqualTo(new TowerJob(JOB_ID, TEMPLATE, "pending", ""));
        verify(getRequestedFor(urlPathEqualTo(TEMPLATES))
                .withQueryParam("name", equalTo(TEMPLATE))
                .withHeader("Authorization", equalTo(BEARER))
                .withHeader("Accept", equalTo("application/json")));
        verify(getRequestedFor(urlPathEqualTo(LAUNCH)).withHeader("Authorization", equalTo(BEARER)));
        verify(postRequestedFor(urlPathEqualTo(LAUNCH))
                .withHeader("Authorization", equalTo(BEARER))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"extra_vars": {"zappa_stage": "production", "zappa_command": "update production"}}
                        """))
                .withRequestBody(matchingJsonPath("$.extra_vars.zappa_stage", equalTo("production"))));
    }

    @Test
    void launchJob_postsNoExtraVars_whenThereAreNone() {
        givenTemplates(templateJson(TEMPLATE_ID, TEMPLATE));
        givenLaunchPrompts(false, false, List.of());
        givenLaunchAnswers(201, launchedJson("{}"));

        TowerJob job = tower.launchJob(TEMPLATE, Map.of());

        assertThat(job.id()).isEqualTo(JOB_ID);
        verify(postRequestedFor(urlPathEqualTo(LAUNCH)).withRequestBody(equalToJson("{}")));
    }

    @Test
    void launchJob_cancelsTheJobAndFails_whenAwxIgnoredFields() {
        givenTemplates(templateJson(TEMPLATE_ID, TEMPLATE));
        givenLaunchPrompts(true, false, List.of());
        givenLaunchAnswers(201, launchedJson("""
                {"extra_vars": {"zappa_command": "update production"}, "limit": "lambda"}"""));
        stubFor(post(CANCEL).willReturn(aResponse().withStatus(202)));

        assertThatThrownBy(() -> tower.launchJob(TEMPLATE, EXTRA_VARS))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("ignored extra_vars (zappa_command), limit")
                .hasMessageContaining("'Deploy Zappa' (id 7)")
                .hasMessageContaining("job 345")
                .hasMessageContaining("\"Prompt on launch\"")
                .hasMessageContaining("was cancelled")
                .hasMessageNotContaining("update production");
        verify(postRequestedFor(urlPathEqualTo(CANCEL)).withHeader("Authorization", equalTo(BEARER)));
    }

    @Test
    void launchJob_stillFailsOnIgnoredFields_whenTheJobHadAlreadyFinishedBeforeTheCancel() {
        givenTemplates(templateJson(TEMPLATE_ID, TEMPLATE));
        givenLaunchPrompts(true, false, List.of());
        givenLaunchAnswers(201, launchedJson("""
                {"inventory": 12}"""));
        stubFor(post(CANCEL).willReturn(jsonResponse("""
                {"detail": "Method \\"POST\\" not allowed."}""", 405)));

        assertThatThrownBy(() -> tower.launchJob(TEMPLATE, EXTRA_VARS))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("ignored inventory")
                .hasMessageContaining("was cancelled");
        verify(postRequestedFor(urlPathEqualTo(CANCEL)));
    }

    @Test
    void launchJob_failsBeforeLaunching_whenTheTemplateDoesNotPromptForVariables() {
        givenTemplates(templateJson(TEMPLATE_ID, TEMPLATE));
        givenLaunchPrompts(false, false, List.of());

        assertThatThrownBy(() -> tower.launchJob(TEMPLATE, EXTRA_VARS))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("Cannot launch AWX job template 'Deploy Zappa' (id 7)")
                .hasMessageContaining("zappa_stage, zappa_command")
                .hasMessageContaining("Enable \"Prompt on launch\" for Variables on that template");
        verify(0, postRequestedFor(urlPathEqualTo(LAUNCH)));
    }

    @Test
    void launchJob_leavesTheVariablesToTheSurvey_whenTheTemplateHasOneButNoPrompt() {
        givenTemplates(templateJson(TEMPLATE_ID, TEMPLATE));
        givenLaunchPrompts(false, true, List.of("zappa_stage"));
        givenLaunchAnswers(201, launchedJson("{}"));

        TowerJob job = tower.launchJob(TEMPLATE, Map.of("zappa_stage", "production"));

        assertThat(job.status()).isEqualTo("pending");
        verify(postRequestedFor(urlPathEqualTo(LAUNCH))
                .withRequestBody(equalToJson("""
                        {"extra_vars": {"zappa_stage": "production"}}""")));
    }

    @Test
    void launchJob_failsBeforeLaunching_whenVariablesNeededToStartAreMissing() {
        givenTemplates(templateJson(TEMPLATE_ID, TEMPLATE));
        givenLaunchPrompts(true, true, List.of("zappa_stage", "git_branch", "aws_region"));

        assertThatThrownBy(() -> tower.launchJob(TEMPLATE, EXTRA_VARS))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("needs the variables git_branch, aws_region to start");
        verify(0, postRequestedFor(urlPathEqualTo(LAUNCH)));
    }

    @Test
    void launchJob_failsWithWhatAwxSaid_whenAwxRefusesTheLaunch() {
        givenTemplates(templateJson(TEMPLATE_ID, TEMPLATE));
        givenLaunchPrompts(true, false, List.of());
        givenLaunchAnswers(400, """
                {"variables_needed_to_start": ["'git_branch' value missing"]}""");

        assertThatThrownBy(() -> tower.launchJob(TEMPLATE, EXTRA_VARS))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("Launching AWX job template 'Deploy Zappa' (id 7)")
                .hasMessageContaining("400 Bad Request")
                .hasMessageContaining("'git_branch' value missing");
    }

    @Test
    void launchJob_saysTheTokenIsRejected_withoutShowingIt() {
        stubFor(get(urlPathEqualTo(TEMPLATES)).willReturn(jsonResponse("""
                {"detail": "Authentication credentials were not provided. To establish a login session, visit /api/login/."}""",
                401).withHeader("WWW-Authenticate", "Bearer realm=\"api\"")));

        assertThatThrownBy(() -> tower.launchJob(TEMPLATE, EXTRA_VARS))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("Finding AWX job template 'Deploy Zappa'")
                .hasMessageContaining("AWX rejected the token (401 Unauthorized")
                .hasMessageNotContaining(TOKEN);
        verify(getRequestedFor(urlPathEqualTo(TEMPLATES)).withHeader("Authorization", equalTo(BEARER)));
        verify(0, postRequestedFor(urlPathEqualTo(LAUNCH)));
    }

    @Test
    void launchJob_saysTheTokenLacksPermission_whenAReadTokenTriesToLaunch() {
        givenTemplates(templateJson(TEMPLATE_ID, TEMPLATE));
        givenLaunchPrompts(true, false, List.of());
        givenLaunchAnswers(403, """
                {"detail": "You do not have permission to perform this action."}""");

        assertThatThrownBy(() -> tower.launchJob(TEMPLATE, EXTRA_VARS))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("Launching AWX job template 'Deploy Zappa' (id 7)")
                .hasMessageContaining("lacks permission (403 Forbidden")
                .hasMessageContaining("read-scoped token cannot launch")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void launchJob_failsNamingTheTemplateAndAwx_whenNoTemplateHasTheName(WireMockRuntimeInfo awx) {
        givenTemplates();

        assertThatThrownBy(() -> tower.launchJob(TEMPLATE, EXTRA_VARS))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("'Deploy Zappa'")
                .hasMessageContaining(awx.getHttpBaseUrl() + TEMPLATES)
                .hasMessageContaining("no job template of that name");
        verify(0, postRequestedFor(urlPathEqualTo(LAUNCH)));
    }

    @Test
    void launchJob_fails_whenTwoTemplatesHaveTheName() {
        givenTemplates(templateJson(TEMPLATE_ID, TEMPLATE), templateJson(19, TEMPLATE));

        assertThatThrownBy(() -> tower.launchJob(TEMPLATE, EXTRA_VARS))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("has 2 job templates of that name (ids 7, 19)");
        verify(0, postRequestedFor(urlPathEqualTo(LAUNCH)));
    }

    @Test
    void launchProblems_namesEverythingThatWouldStopALaunch_andLaunchesNothing() {
        givenTemplates(templateJson(TEMPLATE_ID, TEMPLATE));
        givenLaunchPrompts(false, false, List.of("zappa_stage", "aws_region"));

        List<String> problems = tower.launchProblems(TEMPLATE, Set.of(TowerPort.LAUNCH_MARKER));

        assertThat(problems).containsExactly(
                "AWX job template 'Deploy Zappa' (id 7): AWX would ignore the extra vars cutover_launch. Enable"
                        + " \"Prompt on launch\" for Variables on that template.",
                "AWX job template 'Deploy Zappa' (id 7): it needs the variables zappa_stage, aws_region to start,"
                        + " and they are not among the extra vars");
        verify(getRequestedFor(urlPathEqualTo(LAUNCH)).withHeader("Authorization", equalTo(BEARER)));
        verify(0, postRequestedFor(urlPathEqualTo(LAUNCH)));
    }

    @Test
    void launchProblems_namesATemplateAwxDoesNotHave() {
        stubFor(get(urlPathEqualTo(TEMPLATES)).withQueryParam("name", equalTo(TEMPLATE))
                .willReturn(okJson("""
                        {"count": 0, "next": null, "previous": null, "results": []}""")));

        assertThat(tower.launchProblems(TEMPLATE, Set.of(TowerPort.LAUNCH_MARKER)))
                .singleElement().asString().contains("Finding AWX job template 'Deploy Zappa'")
                .contains("has no job template of that name that the token's user can see");
    }

    @Test
    void launchProblems_findsNone_whenTheTemplatePromptsForVariablesAndNeedsNothingElse() {
        givenTemplates(templateJson(TEMPLATE_ID, TEMPLATE));
        givenLaunchPrompts(true, false, List.of());

        assertThat(tower.launchProblems(TEMPLATE, Set.of(TowerPort.LAUNCH_MARKER))).isEmpty();
    }

    @Test
    void jobLaunchedWith_findsTheTemplatesRecentJobCarryingTheMarker() {
        givenTemplates(templateJson(TEMPLATE_ID, TEMPLATE));
        stubFor(get(urlPathEqualTo(TEMPLATE_JOBS)).willReturn(okJson(jobPage(null,
                jobJson(344, "successful", "{\"zappa_stage\": \"production\"}"),
                jobJson(345, "running", markedVars("run-1/runDeployZappaPlaybook/attempt-1"))))));

        Optional<TowerJob> found = tower.jobLaunchedWith(TEMPLATE, "run-1/runDeployZappaPlaybook/attempt-1",
                Instant.parse("2025-03-01T09:00:00Z"));

        assertThat(found).hasValueSatisfying(job -> {
            assertThat(job.id()).isEqualTo(JOB_ID);
            assertThat(job.status()).isEqualTo("running");
            assertThat(job.templateName()).isEqualTo(TEMPLATE);
        });
        // AWX filters on "created" (its own clock: 15 minutes earlier than ours said), never on extra_vars
        verify(getRequestedFor(urlPathEqualTo(TEMPLATE_JOBS))
                .withQueryParam("created__gte", equalTo("2025-03-01T08:45:00Z"))
                .withQueryParam("order_by", equalTo("id"))
                .withQueryParam("page_size", equalTo("200"))
                .withQueryParam("page", equalTo("1"))
                .withHeader("Authorization", equalTo(BEARER)));
        verify(0, getRequestedFor(urlPathEqualTo(JOB)));
    }

    @Test
    void jobLaunchedWith_readsEachJob_whenTheListLeavesTheExtraVarsOut() {
        givenTemplates(templateJson(TEMPLATE_ID, TEMPLATE));
        stubFor(get(urlPathEqualTo(TEMPLATE_JOBS)).willReturn(okJson(jobPage(null,
                jobJson(345, "pending", "", null)))));
        stubFor(get(JOB).willReturn(okJson(jobJson(345, "pending", markedVars("run-1/step/attempt-1")))));

        Optional<TowerJob> found = tower.jobLaunchedWith(TEMPLATE, "run-1/step/attempt-1",
                Instant.parse("2025-03-01T09:00:00Z"));

        assertThat(found).map(TowerJob::id).hasValue(JOB_ID);
        verify(getRequestedFor(urlPathEqualTo(JOB)));
    }

    @Test
    void jobLaunchedWith_followsThePages_andFindsNothing_whenNoJobCarriesTheMarker() {
        givenTemplates(templateJson(TEMPLATE_ID, TEMPLATE));
        stubFor(get(urlPathEqualTo(TEMPLATE_JOBS)).withQueryParam("page", equalTo("1"))
                .willReturn(okJson(jobPage("/api/v2/job_templates/7/jobs/?page=2",
                        jobJson(343, "successful", markedVars("run-1/step/attempt-1"))))));
        stubFor(get(urlPathEqualTo(TEMPLATE_JOBS)).withQueryParam("page", equalTo("2"))
                .willReturn(okJson(jobPage(null, jobJson(344, "failed", "---\nzappa_stage: production")))));

        Optional<TowerJob> found = tower.jobLaunchedWith(TEMPLATE, "run-1/step/attempt-2",
                Instant.parse("2025-03-01T09:00:00Z"));

        assertThat(found).isEmpty();
        verify(2, getRequestedFor(urlPathEqualTo(TEMPLATE_JOBS)));
    }

    @Test
    void jobLaunchedWith_failsForARetry_whenAwxDoesNotAnswer() {
        givenTemplates(templateJson(TEMPLATE_ID, TEMPLATE));
        stubFor(get(urlPathEqualTo(TEMPLATE_JOBS)).willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> tower.jobLaunchedWith(TEMPLATE, "run-1/step/attempt-1", Instant.now()))
                .isInstanceOf(TowerUnavailableException.class)
                .hasMessageContaining("Looking among the jobs of AWX job template 'Deploy Zappa' (id 7)")
                .hasMessageContaining("cutover_launch=run-1/step/attempt-1")
                .hasMessageContaining("503");
    }

    @Test
    void launchJob_saysTheMarkerALostAnswerCanBeFoundBy() {
        givenTemplates(templateJson(TEMPLATE_ID, TEMPLATE));
        givenLaunchPrompts(true, false, List.of());
        stubFor(post(LAUNCH).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> tower.launchJob(TEMPLATE, Map.of(TowerPort.LAUNCH_MARKER, "run-1/step/attempt-1")))
                .isInstanceOf(TowerUnavailableException.class)
                .hasMessageContaining("AWX may have started a job anyway: it carries"
                        + " cutover_launch=run-1/step/attempt-1 to be found by");
    }

    @Test
    void job_followsTheJobFromPendingThroughRunningToSuccessful() {
        stubFor(get(JOB).inScenario("job 345")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(jobJson("pending", "")))
                .willSetStateTo("running"));
        stubFor(get(JOB).inScenario("job 345")
                .whenScenarioStateIs("running")
                .willReturn(okJson(jobJson("running", "")))
                .willSetStateTo("finished"));
        stubFor(get(JOB).inScenario("job 345")
                .whenScenarioStateIs("finished")
                .willReturn(okJson(jobJson("successful", ""))));

        TowerJob pending = tower.job(JOB_ID);
        TowerJob running = tower.job(JOB_ID);
        TowerJob successful = tower.job(JOB_ID);

        assertThat(List.of(pending.status(), running.status(), successful.status()))
                .containsExactly("pending", "running", "successful");
        assertThat(running.finished()).isFalse();
        assertThat(successful.successful()).isTrue();
        assertThat(successful.templateName()).isEqualTo(TEMPLATE);
        verify(3, getRequestedFor(urlPathEqualTo(JOB)).withHeader("Authorization", equalTo(BEARER)));
    }

    @Test
    void job_reportsAFailedJobWithAwxsExplanation() {
        stubFor(get(JOB).willReturn(okJson(jobJson("error",
                "Job terminated due to error: container exited with code 137"))));

        TowerJob job = tower.job(JOB_ID);

        assertThat(job.failed()).isTrue();
        assertThat(job.finished()).isTrue();
        assertThat(job.explanation()).isEqualTo("Job terminated due to error: container exited with code 137");
    }

    @Test
    void job_failsForGood_whenAwxHasNoSuchJob() {
        stubFor(get(JOB).willReturn(jsonResponse("""
                {"detail": "Not found."}""", 404)));

        assertThatThrownBy(() -> tower.job(JOB_ID))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("Reading AWX job 345")
                .hasMessageContaining("404 Not Found");
    }

    @Test
    void job_failsForARetry_whenAwxFailsOnItsSide() {
        stubFor(get(JOB).willReturn(aResponse().withStatus(502)
                .withHeader("Content-Type", "text/html")
                .withBody("<html><body><h1>502 Bad Gateway</h1></body></html>")));

        assertThatThrownBy(() -> tower.job(JOB_ID))
                .isInstanceOf(TowerUnavailableException.class)
                .isNotInstanceOf(StepFailedException.class)
                .hasMessageContaining("Reading AWX job 345: AWX answered 502 Bad Gateway");
    }

    @Test
    void job_failsForARetry_whenAwxDropsTheConnection() {
        stubFor(get(JOB).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> tower.job(JOB_ID))
                .isInstanceOf(TowerUnavailableException.class)
                .hasMessageContaining("Reading AWX job 345: AWX did not answer")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void jobOutputTail_returnsTheLastNonEmptyLinesWithoutColours() {
        stubFor(get(urlPathEqualTo(STDOUT)).withQueryParam("format", equalTo("txt"))
                .willReturn(plainText(FAILED_PLAY)));

        String tail = tower.jobOutputTail(JOB_ID, 3);

        assertThat(tail).isEqualTo("""
                fatal: [localhost]: FAILED! => {"changed": true, "cmd": ["zappa", "update", "production"], "rc": 1}
                PLAY RECAP *********************************************************************
                localhost                  : ok=1    changed=0    unreachable=0    failed=1    skipped=0""");
        verify(getRequestedFor(urlPathEqualTo(STDOUT))
                .withQueryParam("format", equalTo("txt"))
                .withHeader("Accept", equalTo("text/plain"))
                .withHeader("Authorization", equalTo(BEARER)));
    }

    @Test
    void jobOutputTail_readsTheDownload_whenTheOutputIsTooLargeToDisplay() {
        stubFor(get(urlPathEqualTo(STDOUT)).withQueryParam("format", equalTo("txt"))
                .willReturn(plainText("Standard Output too large to display (1843317 bytes), only download"
                        + " supported for sizes over 1048576 bytes.")));
        stubFor(get(urlPathEqualTo(STDOUT)).withQueryParam("format", equalTo("txt_download"))
                .willReturn(plainText(FAILED_PLAY)));

        String tail = tower.jobOutputTail(JOB_ID, 1);

        assertThat(tail).startsWith("localhost                  : ok=1");
        verify(getRequestedFor(urlPathEqualTo(STDOUT)).withQueryParam("format", equalTo("txt_download")));
    }

    private static final String FAILED_PLAY = """
            Identity added: /runner/artifacts/345/ssh_key_data (/runner/artifacts/345/ssh_key_data)

            PLAY [Deploy Zappa] ************************************************************

            TASK [Gathering Facts] *********************************************************
            \u001B[0;32mok: [localhost]\u001B[0m

            TASK [zappa update production] *************************************************
            \u001B[0;31mfatal: [localhost]: FAILED! => {"changed": true, "cmd": ["zappa", "update", "production"], "rc": 1}\u001B[0m

            PLAY RECAP *********************************************************************
            \u001B[0;31mlocalhost\u001B[0m                  : \u001B[0;32mok=1   \u001B[0m changed=0    unreachable=0    \u001B[0;31mfailed=1   \u001B[0m skipped=0   \s

            """;

    private static Map<String, Object> orderedVars() {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("zappa_stage", "production");
        vars.put("zappa_command", "update production");
        return vars;
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder plainText(String body) {
        return aResponse().withHeader("Content-Type", "text/plain; charset=utf-8").withBody(body);
    }

    private static void givenTemplates(String... templates) {
        stubFor(get(urlPathEqualTo(TEMPLATES)).withQueryParam("name", equalTo(TEMPLATE))
                .willReturn(okJson("""
                        {"count": %d, "next": null, "previous": null, "results": [%s]}"""
                        .formatted(templates.length, String.join(", ", templates)))));
    }

    private static void givenLaunchPrompts(boolean askVariables, boolean survey, List<String> variablesNeeded) {
        String needed = variablesNeeded.stream().map(name -> "\"" + name + "\"")
                .reduce((a, b) -> a + ", " + b).orElse("");
        stubFor(get(LAUNCH).willReturn(okJson("""
                {
                  "can_start_without_user_input": %3$s,
                  "passwords_needed_to_start": [],
                  "ask_scm_branch_on_launch": false,
                  "ask_diff_mode_on_launch": false,
                  "ask_variables_on_launch": %1$s,
                  "ask_limit_on_launch": false,
                  "ask_tags_on_launch": false,
                  "ask_skip_tags_on_launch": false,
                  "ask_job_type_on_launch": false,
                  "ask_verbosity_on_launch": false,
                  "ask_inventory_on_launch": false,
                  "ask_credential_on_launch": false,
                  "ask_execution_environment_on_launch": false,
                  "ask_labels_on_launch": false,
                  "ask_forks_on_launch": false,
                  "ask_job_slice_count_on_launch": false,
                  "ask_timeout_on_launch": false,
                  "ask_instance_groups_on_launch": false,
                  "survey_enabled": %2$s,
                  "variables_needed_to_start": [%4$s],
                  "credential_needed_to_start": false,
                  "inventory_needed_to_start": false,
                  "job_template_data": {"name": "Deploy Zappa", "id": 7, "description": "zappa update on Lambda"},
                  "defaults": {"extra_vars": "---\\nzappa_stage: staging", "diff_mode": false, "limit": "",
                               "job_tags": "", "skip_tags": "", "job_type": "run", "verbosity": 0,
                               "inventory": {"name": "clearmyrecord-prod", "id": 3}, "credentials": []}
                }""".formatted(askVariables, survey, variablesNeeded.isEmpty(), needed))));
    }

    private static void givenLaunchAnswers(int status, String body) {
        stubFor(post(LAUNCH).willReturn(jsonResponse(body, status)
                .withHeader("Location", "/api/v2/jobs/345/")));
    }

    private static String templateJson(long id, String name) {
        return """
                {
                  "id": %1$d, "type": "job_template", "url": "/api/v2/job_templates/%1$d/",
                  "summary_fields": {
                    "organization": {"id": 1, "name": "Code for America"},
                    "inventory": {"id": 3, "name": "clearmyrecord-prod"},
                    "project": {"id": 5, "name": "clearmyrecord-deploy", "status": "successful", "scm_type": "git"}
                  },
                  "created": "2025-02-20T14:02:11.482913Z", "modified": "2025-02-27T09:41:03.120554Z",
                  "name": "%2$s", "description": "zappa update on Lambda", "job_type": "run",
                  "inventory": 3, "project": 5, "playbook": "deploy_zappa.yml", "scm_branch": "",
                  "forks": 0, "limit": "", "verbosity": 0, "extra_vars": "---\\nzappa_stage: staging",
                  "ask_variables_on_launch": true, "survey_enabled": false,
                  "last_job_run": "2025-02-27T09:44:40.551037Z", "last_job_failed": false,
                  "status": "successful"
                }""".formatted(id, name);
    }

    private static String launchedJson(String ignoredFields) {
        return """
                {"job": 345, "ignored_fields": %s, %s""".formatted(ignoredFields, jobJson("pending", "").substring(1));
    }

    private static String markedVars(String marker) {
        return "{\"zappa_stage\": \"production\", \"cutover_launch\": \"" + marker + "\"}";
    }

    private static String jobPage(String next, String... jobs) {
        return """
                {"count": %d, "next": %s, "previous": null, "results": [%s]}"""
                .formatted(jobs.length, next == null ? "null" : "\"" + next + "\"", String.join(", ", jobs));
    }

    private static String jobJson(String status, String explanation) {
        return jobJson(JOB_ID, status, explanation,
                "{\"zappa_stage\": \"production\", \"zappa_command\": \"update production\"}");
    }

    private static String jobJson(long id, String status, String extraVars) {
        return jobJson(id, status, "", extraVars);
    }

    /** A job as AWX shows it; {@code extraVars} null leaves the field out, as newer AWX lists do. */
    private static String jobJson(long id, String status, String explanation, String extraVars) {
        boolean finished = List.of("successful", "failed", "error", "canceled").contains(status);
        boolean started = finished || "running".equals(status);
        return """
                {
                  "id": %8$d, "type": "job", "url": "/api/v2/jobs/%8$d/",
                  "summary_fields": {
                    "inventory": {"id": 3, "name": "clearmyrecord-prod"},
                    "project": {"id": 5, "name": "clearmyrecord-deploy", "status": "successful", "scm_type": "git"},
                    "job_template": {"id": 7, "name": "Deploy Zappa", "description": "zappa update on Lambda"},
                    "unified_job_template": {"id": 7, "name": "Deploy Zappa", "unified_job_type": "job"},
                    "created_by": {"id": 4, "username": "cutover", "first_name": "", "last_name": ""},
                    "user_capabilities": {"delete": true, "start": true}
                  },
                  "created": "2025-03-01T09:00:00.123456Z", "modified": "2025-03-01T09:00:00.456789Z",
                  "name": "Deploy Zappa", "description": "", "job_type": "run", "launch_type": "manual",
                  "inventory": 3, "project": 5, "playbook": "deploy_zappa.yml", "job_template": 7,
                  "status": "%1$s",
                  "failed": %2$s,
                  "started": %3$s,
                  "finished": %4$s,
                  "canceled_on": null,
                  "elapsed": %5$s,
                  "job_explanation": "%6$s",
                  "execution_node": "%7$s", "controller_node": "",
                  "result_traceback": "",%9$s
                  "artifacts": {}
                }""".formatted(
                status,
                !"successful".equals(status) && finished,
                started ? "\"2025-03-01T09:00:04.018244Z\"" : "null",
                finished ? "\"2025-03-01T09:05:16.420951Z\"" : "null",
                finished ? "312.403" : started ? "41.77" : "0.0",
                explanation,
                started ? "awx-task-0" : "",
                id,
                extraVars == null ? "" : "\n  \"extra_vars\": " + jsonString(extraVars) + ",");
    }

    private static String jsonString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}

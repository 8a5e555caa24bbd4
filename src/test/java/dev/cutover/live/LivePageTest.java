package dev.cutover.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.heroku.HerokuPort;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.process.CutoverClock;
import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.support.CutoverEngineTest;
import dev.cutover.support.EarlierPhases;
import dev.cutover.support.Jobs;
import dev.cutover.support.PageUsers;
import dev.cutover.support.TestClock;
import java.net.http.HttpResponse;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.task.Task;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The live page of a rehearsal: Day 0 stopped by a failed playbook (an incident), Day 1 waiting for
 * the operators' UAT, and the simulated world beside them.
 */
@CutoverEngineTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LivePageTest {

    private static final String RUN = "live-1";
    private static final String PAGE = "/cutover/runs/" + RUN;
    /** Another run, whose Day 0 is stuck in an incident: a phase starts only after the one before it completed. */
    private static final String STUCK_RUN = "live-2";

    @LocalServerPort int port;
    @Autowired RuntimeService runtime;
    @Autowired EarlierPhases phases;
    @Autowired TaskService tasks;
    @Autowired IdentityService identity;
    @Autowired Jobs jobs;
    @Autowired TestClock clock;
    @Autowired WorldStore world;
    @Autowired Faults faults;
    @Autowired HerokuPort heroku;
    @Autowired MigrationPlan plan;

    private PageUsers users;
    private String day0;
    private String day1;

    /** Once, before the first test (process-test coverage needs a test running when a process starts). */
    @BeforeEach
    void day1WaitingForTheUatAndAnotherRunsDay0InAnIncident() {
        if (users != null) {
            return;
        }
        users = PageUsers.on(identity, port);
        clock.reset();
        world.reset();
        jobs.runAll(phases.start("day-0", RUN).getId());
        day1 = phases.start("day-1", RUN).getId();
        jobs.runAll(day1);
        runtime.setVariable(day1, "windowEnd", java.util.Date.from(java.time.Instant.parse("2026-12-05T18:00:00Z")));
        faults.arm("tower.job.fails", 1);
        day0 = phases.start("day-0", STUCK_RUN).getId();
        jobs.runAll(day0);
    }

    @Test
    void theWaitingUatShowsItsGroupSinceWhenAndALinkToTasklist() throws Exception {
        Task uat = tasks.createTaskQuery().processInstanceId(day1).taskDefinitionKey("uatNewSite").singleResult();

        Element row = page(PageUsers.OPERATOR).selectFirst("#open-tasks tr.open-task");

        assertThat(row).isNotNull();
        assertThat(row.attr("data-task")).isEqualTo("UAT on the new site");
        assertThat(row.selectFirst(".group").text()).isEqualTo("cutover-operators");
        assertThat(row.child(3).text()).endsWith("UTC");
        assertThat(row.selectFirst("a").attr("href")).isEqualTo("/camunda/app/tasklist/default/#/?task=" + uat.getId());
    }

    @Test
    void thePhasesShowTheirStepsWithTheirState() throws Exception {
        Document page = page(PageUsers.AUDITOR);

        Element day1Phase = page.selectFirst("#phases .phase[data-phase=day-1]");
        assertThat(day1Phase.selectFirst("tr.step[data-step=\"UAT on the new site\"]").attr("data-state"))
                .isEqualTo("waiting");
        assertThat(day1Phase.selectFirst("tr.step[data-step=\"Sync the new S3 bucket\"]").attr("data-state"))
                .isEqualTo("done");
        Element day0Phase = page(PageUsers.AUDITOR, "/cutover/runs/" + STUCK_RUN)
                .selectFirst("#phases .phase[data-phase=day-0]");
        assertThat(day0Phase.select("tr.step[data-state=failed]").eachAttr("data-step"))
                .containsExactly("create_storage failed: fix it, then retry to relaunch");
    }

    @Test
    void theOpenIncidentShowsItsMessageAndLinksToCockpit() throws Exception {
        Incident incident = runtime.createIncidentQuery().processInstanceId(day0).singleResult();

        Element row = page(PageUsers.LEAD, "/cutover/runs/" + STUCK_RUN).selectFirst("#incidents tr.incident");

        assertThat(row.child(0).text()).isEqualTo("create_storage failed: fix it, then retry to relaunch");
        assertThat(row.child(2).wholeText()).isEqualTo(incident.getIncidentMessage());
        assertThat(row.selectFirst("a").attr("href"))
                .isEqualTo("/camunda/app/cockpit/default/#/process-instance/" + day0 + "/runtime");
    }

    @Test
    void theClockShowsTheLaunchWindowAndTheReportIsLinked() throws Exception {
        Document page = page(PageUsers.LEAD);

        // the time left is read at each page load, not the run's last "T-…" variable
        String left = CutoverClock.timeLeft(java.time.Duration.between(clock.instant(),
                java.time.Instant.parse("2026-12-05T18:00:00Z")));
        assertThat(page.select("#clock tr.clock-variable").text())
                .isEqualTo("launch window ends 2026-12-05T18:00:00Z time left " + left);
        assertThat(page.selectFirst("#report-link").attr("href")).isEqualTo(PAGE + "/report");
        assertThat(page.selectFirst("meta[http-equiv=refresh]").attr("content")).isEqualTo("5");
    }

    @Test
    void theWorldShowsWhereEachNamePointsAndHerokusConfigVarNamesNeverTheirValues() throws Exception {
        Map<String, String> configVars = heroku.configVars(plan.heroku().app());

        HttpResponse<String> response = users.get(PAGE, PageUsers.LEAD);
        Document page = Jsoup.parse(response.body());

        Element dns = page.selectFirst("#world #world-dns");
        assertThat(dns.selectFirst("h3").text()).isEqualTo("Where each name points");
        assertThat(dns.select("tr").eachText()).anySatisfy(row -> assertThat(row)
                .startsWith(plan.domains().old().name()).contains("herokudns"));
        assertThat(page.selectFirst("#world-heroku").text()).contains("SECRET_KEY").contains("web=2");
        assertThat(configVars.get("SECRET_KEY")).isNotBlank();
        assertThat(response.body()).doesNotContain(configVars.get("SECRET_KEY"));
        assertThat(page.selectFirst("#world-endpoints").text()).contains(plan.twilio().phoneNumber());
        assertThat(page.selectFirst("#world-rds").text()).contains(plan.rds().instanceId()).contains("available");
        assertThat(page.selectFirst("#world-tower").text()).contains("failed");
        assertThat(page.select("#world-changes tr")).hasSizeGreaterThan(3);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aLeadArmsTwilioToFailTwiceFromThePage() throws Exception {
        assertThat(page(PageUsers.LEAD).select("#fault-injection tr[data-system=twilio] form")).hasSize(3);

        HttpResponse<String> armed = users.postForm("/cutover/faults", PageUsers.LEAD,
                "target=twilio.outage&times=2&run=" + RUN);

        assertThat(armed.statusCode()).isEqualTo(302);
        assertThat(armed.headers().firstValue("Location").orElseThrow()).endsWith(PAGE + "#world");
        assertThat((Map<Object, Object>) faults.view()).containsEntry("twilio.outage", 2);
        assertThat(page(PageUsers.LEAD).selectFirst("#world-faults").text()).contains("twilio.outage 2");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aLeadMakesEverySystemFlakyFromThePageAndClearsItWithARateOfZero() throws Exception {
        assertThat(page(PageUsers.LEAD).select("#fault-injection input[name=target][value=all.flaky]")).hasSize(1);

        HttpResponse<String> armed = users.postForm("/cutover/faults", PageUsers.LEAD,
                "target=all.flaky&ratePercent=30&seed=42&run=" + RUN);
        HttpResponse<String> refused = users.postForm("/cutover/faults", PageUsers.OPERATOR,
                "target=all.flaky&ratePercent=30&seed=42&run=" + RUN);

        assertThat(armed.statusCode()).isEqualTo(302);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat((Map<Object, Object>) faults.view()).containsEntry("all.flaky",
                Map.of("rate", 0.3, "seed", 42L, "calls", 0L, "failed", 0L));
        assertThat(page(PageUsers.LEAD).selectFirst("#world-faults").text()).contains("all.flaky");

        users.postForm("/cutover/faults", PageUsers.LEAD, "target=all.flaky&ratePercent=0&run=" + RUN);
        assertThat((Map<Object, Object>) faults.view()).doesNotContainKey("all.flaky");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aLeadSlowsNamecheapToThreeSecondsPerCallOverTheApi() throws Exception {
        HttpResponse<String> armed = users.postJson("/api/rehearsal/faults", PageUsers.LEAD,
                "{\"target\": \"namecheap.slow\", \"times\": 4, \"delay\": \"PT3S\"}");
        HttpResponse<String> refused = users.postJson("/api/rehearsal/faults", PageUsers.LEAD,
                "{\"target\": \"twilio.outage\", \"delay\": \"PT3S\"}");

        assertThat(armed.statusCode()).as(armed.body()).isEqualTo(200);
        assertThat((Map<Object, Object>) faults.view()).containsEntry("namecheap.slow", Map.of("times", 4, "delay", "PT3S"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("a delay goes with a '<system>.slow' target");
    }

    @Test
    void aFaultThatHaltsTheJvmIsRefusedUnlessTheRehearsalAllowsCrashes() throws Exception {
        Object armedBefore = faults.view();

        HttpResponse<String> refused = users.postJson("/api/rehearsal/faults", PageUsers.LEAD,
                "{\"target\": \"tower.launch.crash-after\"}");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("'tower.launch.crash-after' halts this JVM: a rehearsal allows it only"
                + " with cutover.rehearsal.crash-faults=true");
        assertThat(faults.view()).isEqualTo(armedBefore);
    }

    @Test
    void onlyLeadsInjectFaults() throws Exception {
        Object armedBefore = faults.view();

        assertThat(page(PageUsers.OPERATOR).select("#fault-injection")).isEmpty();
        assertThat(users.postForm("/cutover/faults", PageUsers.OPERATOR, "target=twilio.outage&times=2")
                .statusCode()).isEqualTo(403);
        assertThat(users.postJson("/api/rehearsal/faults", PageUsers.AUDITOR, "{\"target\": \"twilio.outage\"}")
                .statusCode()).isEqualTo(403);
        assertThat(faults.view()).isEqualTo(armedBefore);
    }

    @Test
    void theRunListLinksTheRunAndItsReport() throws Exception {
        HttpResponse<String> response = users.get("/cutover", PageUsers.AUDITOR);

        assertThat(response.statusCode()).isEqualTo(200);
        Element row = Jsoup.parse(response.body()).select("#runs tr.run").stream()
                .filter(run -> run.child(0).text().equals(RUN)).findFirst().orElseThrow();
        assertThat(row.select("a").eachAttr("href")).containsExactly(PAGE, PAGE + "/report");
        assertThat(row.child(3).text().split(", ")).containsExactlyInAnyOrder("before-day-0", "day-0", "day-1");
    }

    @Test
    void withoutCredentialsThePagesAnswer401AndTheBrowserIsAskedToLogIn() throws Exception {
        HttpResponse<String> list = users.get("/cutover", null);

        assertThat(list.statusCode()).isEqualTo(401);
        assertThat(list.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"default\"");
        assertThat(users.get(PAGE, null).statusCode()).isEqualTo(401);
        assertThat(users.get(PAGE, PageUsers.STRANGER).statusCode()).isEqualTo(403);
    }

    @Test
    void anUnknownRunIs404() throws Exception {
        HttpResponse<String> response = users.get("/cutover/runs/no-such-run", PageUsers.LEAD);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(Jsoup.parse(response.body()).selectFirst("#unknown-run").text()).startsWith("No run 'no-such-run'");
    }

    private Document page(String user) throws Exception {
        return page(user, PAGE);
    }

    private Document page(String user, String path) throws Exception {
        HttpResponse<String> response = users.get(path, user);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Jsoup.parse(response.body());
    }
}

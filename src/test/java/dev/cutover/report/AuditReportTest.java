package dev.cutover.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.ledger.Ledger;
import dev.cutover.ledger.LedgerEntry;
import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.support.CutoverEngineTest;
import dev.cutover.support.EarlierPhases;
import dev.cutover.support.Jobs;
import dev.cutover.support.PageUsers;
import dev.cutover.support.TestClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
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
 * The audit report of a real run: Day 0 with a snapshot step that failed five times into an
 * incident a lead retried, then Day 1 up to the operators' second task, the first (the UAT)
 * completed over REST by an operator whose notes hold HTML.
 */
@CutoverEngineTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditReportTest {

    private static final String RUN = "report-1";
    private static final String NOTES = "<script>alert(1)</script> all pages load";

    @LocalServerPort int port;
    @Autowired RuntimeService runtime;
    @Autowired EarlierPhases phases;
    @Autowired TaskService tasks;
    @Autowired ManagementService management;
    @Autowired IdentityService identity;
    @Autowired Jobs jobs;
    @Autowired TestClock clock;
    @Autowired WorldStore world;
    @Autowired Faults faults;
    @Autowired Ledger ledger;
    @Autowired RunReports reports;

    private PageUsers users;
    private String day0;
    private String day1;

    /** Once, before the first test (process-test coverage needs a test running when a process starts). */
    @BeforeEach
    void day0WithAnIncidentThenDay1UpToTheOperatorsSecondTask() throws Exception {
        if (users != null) {
            return;
        }
        users = PageUsers.on(identity, port);
        clock.reset();
        world.reset();
        faults.arm("rds.outage", 5);
        day0 = phases.start("day-0", RUN).getId();
        jobs.runAll(day0);
        Incident incident = runtime.createIncidentQuery().processInstanceId(day0).singleResult();
        assertThat(incident).as("the snapshot step's incident").isNotNull();
        identity.setAuthentication(PageUsers.LEAD, List.of("cutover-leads"));
        management.setJobRetries(incident.getConfiguration(), 1);
        identity.clearAuthentication();
        jobs.runAll(day0);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(day0).count()).isZero();

        ProcessInstance launch = phases.start("day-1", RUN);
        day1 = launch.getId();
        jobs.runAll(day1);
        Task uat = tasks.createTaskQuery().processInstanceId(day1).taskDefinitionKey("uatNewSite").singleResult();
        HttpResponse<String> completed = users.postJson("/engine-rest/task/" + uat.getId() + "/complete",
                PageUsers.OPERATOR, "{\"variables\": {\"approved\": {\"value\": true},"
                        + " \"notes\": {\"value\": \"" + NOTES + "\"}}}");
        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(204);
        jobs.runAll(day1);
        assertThat(tasks.createTaskQuery().processInstanceId(day1).taskDefinitionKey("turnOffScheduledTasks").count())
                .isEqualTo(1);
    }

    @Test
    void everyStepTheLedgerRecordedIsListedWithItsLastOutcome() throws Exception {
        Document page = page();

        Map<String, String> lastOutcome = new LinkedHashMap<>();
        for (LedgerEntry entry : ledger.entries(RUN)) {
            lastOutcome.put(entry.phase() + " · " + entry.step(), entry.outcome().label());
        }
        Map<String, String> listed = new LinkedHashMap<>();
        for (Element row : page.select("#steps tr.step")) {
            listed.put(row.child(0).text() + " · " + row.attr("data-step"), row.attr("data-outcome"));
        }
        assertThat(listed).containsAllEntriesOf(lastOutcome);
        assertThat(listed).containsEntry("day-0 · Run snapshot on prod", "changed")
                .containsEntry("day-0 · Turn on bucket encryption for the media bucket", "changed")
                .containsEntry("day-1 · UAT on the new site", "decided")
                .containsEntry("day-1 · Turn off scheduled tasks on Heroku", "waiting");
        assertThat(page.select("#phases tr").text()).contains("day-0").contains("day-1");
    }

    @Test
    void theUatShowsWhoCompletedItAndTheirNotesEscaped() throws Exception {
        HttpResponse<String> response = users.get("/cutover/runs/" + RUN + "/report", PageUsers.AUDITOR);

        assertThat(response.body()).doesNotContain("<script>alert(1)</script>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; all pages load");
        Element uat = Jsoup.parse(response.body()).selectFirst("#tasks tr.task[data-task=\"UAT on the new site\"]");
        assertThat(uat).isNotNull();
        assertThat(uat.selectFirst(".completed-by").text()).isEqualTo(PageUsers.OPERATOR);
        assertThat(uat.selectFirst(".answer").text())
                .isEqualTo("approved by " + PageUsers.OPERATOR + ": " + NOTES);
        assertThat(Jsoup.parse(response.body()).select("script")).isEmpty();
    }

    @Test
    void aNoteWithHtmlIsEscapedOnEveryPageThatShowsTheRun() throws Exception {
        // the JSON report (/api/runs/{run}/report) carries the note as text, for a program to read
        for (String path : List.of("/cutover", "/cutover/runs/" + RUN, "/cutover/runs/" + RUN + "/report")) {
            HttpResponse<String> response = users.get(path, PageUsers.LEAD);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).doesNotContain("<script>alert(1)</script>");
            assertThat(Jsoup.parse(response.body()).select("script").stream()
                    .filter(script -> script.html().contains("alert(1)"))).as(path).isEmpty();
        }
        assertThat(users.get("/cutover/runs/" + RUN + "/report", PageUsers.LEAD).body())
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    @Test
    void theIncidentShowsItsMessageItsFiveFailedAttemptsAndThatItWasResolved() throws Exception {
        Element incident = page().selectFirst("#incidents tr.incident");

        assertThat(incident).isNotNull();
        assertThat(incident.child(1).text()).isEqualTo("Run snapshot on prod");
        assertThat(incident.child(2).text()).contains("Throttling");
        assertThat(incident.selectFirst(".state").text()).isEqualTo("resolved");
        assertThat(incident.selectFirst(".failed-attempts").text()).isEqualTo("5");
        Element snapshot = page().selectFirst("#steps tr.step[data-step=\"Run snapshot on prod\"]");
        assertThat(snapshot.child(8).text()).as("retries").isEqualTo("5");
        assertThat(snapshot.child(9).text()).as("incidents").isEqualTo("1");
    }

    @Test
    void theTimelineHasOneBarPerStepColouredByPhaseWithALegendAndAnAxis() throws Exception {
        Document page = page();

        int steps = page.select("#steps tr.step").size();
        assertThat(steps).isGreaterThan(10);
        assertThat(page.select("#timeline svg g.step-bar")).hasSize(steps);
        assertThat(page.select("#timeline svg g.step-bar rect").eachAttr("fill")).containsOnly(
                Timeline.colourOf("day-0"), Timeline.colourOf("day-1"));
        assertThat(page.select("#timeline svg g.legend text").eachText()).containsExactly("day-0", "day-1");
        assertThat(page.select("#timeline svg g.ticks text")).hasSizeGreaterThan(1);
    }

    @Test
    void theSummaryGivesTheTotalTimeAndSaysTheRunIsStillRunning() throws Exception {
        Document page = page();
        RunReport report = reports.report(RUN);

        assertThat(report.totalSeconds()).isPositive();
        assertThat(page.selectFirst("#total-time").text()).isEqualTo(new ReportFormat().duration(report.totalSeconds()));
        assertThat(page.selectFirst("#ended").text()).isEqualTo("still running");
        assertThat(page.selectFirst("#downtime").text()).isEqualTo("not measured in this run");
        assertThat(page.selectFirst("#ledger-count").text()).isEqualTo(String.valueOf(ledger.entries(RUN).size()));
    }

    @Test
    void theJsonReportHasTheSameFacts() throws Exception {
        HttpResponse<String> response = users.get("/api/runs/" + RUN + "/report", PageUsers.AUDITOR);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode json = new ObjectMapper().readTree(response.body());
        assertThat(json.get("run").asText()).isEqualTo(RUN);
        assertThat(json.get("running").asBoolean()).isTrue();
        assertThat(json.get("steps")).hasSize(page().select("#steps tr.step").size());
        JsonNode uat = find(json.get("tasks"), "name", "UAT on the new site");
        assertThat(uat.get("completedBy").asText()).isEqualTo(PageUsers.OPERATOR);
        assertThat(uat.get("answer").asText()).isEqualTo("approved by " + PageUsers.OPERATOR + ": " + NOTES);
        assertThat(uat.get("candidateGroups").asText()).isEqualTo("cutover-operators");
        JsonNode incident = json.get("incidents").get(0);
        assertThat(incident.get("failedAttempts").asInt()).isEqualTo(5);
        assertThat(incident.get("state").asText()).isEqualTo("resolved");
        JsonNode snapshot = find(json.get("steps"), "name", "Run snapshot on prod");
        assertThat(snapshot.get("outcome").asText()).isEqualTo("changed");
        assertThat(snapshot.get("retries").asInt()).isEqualTo(5);
        assertThat(json.get("operations").toString()).contains("SetJobRetries").contains(PageUsers.LEAD);
        assertThat(json.get("totalSeconds").asLong()).isPositive();
    }

    @Test
    void aRehearsalsTimelineIsAtThePlansPaceItsTimesSinceTheStartMultipliedByTheTimeScale() throws Exception {
        JsonNode json = new ObjectMapper().readTree(users.get("/api/runs/" + RUN + "/report", PageUsers.AUDITOR).body());

        JsonNode asPlanned = json.get("asPlanned");
        assertThat(asPlanned.get("timeScale").asInt()).isEqualTo(60);
        assertThat(asPlanned.get("totalSeconds").asLong()).isEqualTo(json.get("totalSeconds").asLong() * 60);
        Instant start = Instant.parse(json.get("startedAt").asText());
        JsonNode uat = find(json.get("steps"), "name", "UAT on the new site");
        JsonNode uatAsPlanned = find(asPlanned.get("steps"), "name", "UAT on the new site");
        Duration ran = Duration.between(start, Instant.parse(uat.get("startedAt").asText()));
        assertThat(ran).as("Day 1's UAT starts after Day 0's polls").isPositive();
        assertThat(Duration.between(start, Instant.parse(uatAsPlanned.get("startedAt").asText())))
                .isEqualTo(ran.multipliedBy(60));
        assertThat(Duration.between(start, Instant.parse(uatAsPlanned.get("endedAt").asText())))
                .isEqualTo(Duration.between(start, Instant.parse(uat.get("endedAt").asText())).multipliedBy(60));
        assertThat(asPlanned.get("phases")).hasSize(json.get("phases").size());
        Document page = page();
        assertThat(page.selectFirst("#total-as-planned").text())
                .startsWith(new ReportFormat().duration(json.get("totalSeconds").asLong() * 60))
                .contains("divided by 60");
    }

    @Test
    void withoutCredentialsTheReportAnswers401() throws Exception {
        assertThat(users.get("/cutover/runs/" + RUN + "/report", null).statusCode()).isEqualTo(401);
        assertThat(users.get("/api/runs/" + RUN + "/report", null).statusCode()).isEqualTo(401);
    }

    @Test
    void leadsOperatorsAndAuditorsReadItAndOthersAreRefused() throws Exception {
        for (String viewer : PageUsers.viewers()) {
            assertThat(users.get("/cutover/runs/" + RUN + "/report", viewer).statusCode()).as(viewer).isEqualTo(200);
        }
        assertThat(users.get("/cutover/runs/" + RUN + "/report", PageUsers.STRANGER).statusCode()).isEqualTo(403);
        assertThat(users.get("/api/runs/" + RUN + "/report", PageUsers.STRANGER).statusCode()).isEqualTo(403);
    }

    @Test
    void anUnknownRunIs404WithAClearMessage() throws Exception {
        HttpResponse<String> page = users.get("/cutover/runs/no-such-run/report", PageUsers.LEAD);
        HttpResponse<String> json = users.get("/api/runs/no-such-run/report", PageUsers.LEAD);

        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(Jsoup.parse(page.body()).selectFirst("#unknown-run").text()).startsWith("No run 'no-such-run'");
        assertThat(json.statusCode()).isEqualTo(404);
        assertThat(json.body()).contains("No run 'no-such-run'");
    }

    private Document page() throws Exception {
        HttpResponse<String> response = users.get("/cutover/runs/" + RUN + "/report", PageUsers.LEAD);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Jsoup.parse(response.body());
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        return StreamSupport.stream(array.spliterator(), false)
                .filter(item -> value.equals(item.path(field).asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + field + " '" + value + "' in " + array));
    }
}

package dev.cutover.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import dev.cutover.rehearsal.WorldStore;
import dev.cutover.support.CutoverEngineTest;
import dev.cutover.support.EarlierPhases;
import dev.cutover.support.Jobs;
import dev.cutover.support.TestClock;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.springframework.test.context.TestPropertySource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Tasklist in a real browser (the system's Chromium, headless): an operator works the UAT of a
 * Day 1 rehearsal through its Camunda Form, and the launch moves on. The application serves on
 * a free port; the job executor is off, so the test runs the jobs between the browser's steps.
 * Screenshots of each step are kept in {@code target/screenshots/}. Another page is checked in a
 * few lines: {@code browser.open("/cutover").shows("…"); browser.screenshot("…");}.
 */
@CutoverEngineTest
@Tag("browser")
// an application of its own: the operator's list shows this test's tasks only, not other tests' runs
// and the four-eyes rule: a lead other than the one who started the run decides its gates
@TestPropertySource(properties = {"spring.application.name=cutover-browser-test", "cutover.plan.four-eyes=true"})
class TasklistBrowserTest {

    private static final String PASSWORD = "Rehearse-the-launch-7";

    @LocalServerPort int port;
    @Autowired ProcessEngine engine;
    @Autowired EarlierPhases phases;
    @Autowired IdentityService identity;
    @Autowired RuntimeService runtime;
    @Autowired HistoryService history;
    @Autowired Jobs jobs;
    @Autowired TestClock clock;
    @Autowired WorldStore world;

    @BeforeEach
    void anOperatorAndALead() {
        BpmnAwareTests.init(engine);
        clock.reset();
        world.reset();
        member("olivia", "Olivia", "Operator", "cutover-operators");
        member("leo", "Leo", "Lead", "cutover-leads");
        member("lena", "Lena", "Lead", "cutover-leads");
    }

    @Test
    void anOperatorCompletesTheUatInTasklistAndTheLaunchMovesOn() {
        ProcessInstance run = asLead(() -> phases.start("day-1", "browser-launch"));
        jobs.runAll(run.getId());
        assertThat(run).isWaitingAt("uatNewSite");

        try (Browser browser = Browser.on(port)) {
            try {
                operatorWorksTheUat(browser, run);
            } catch (RuntimeException | AssertionError failure) {
                browser.screenshot("failed");
                throw failure;
            }
        }
    }

    private void operatorWorksTheUat(Browser browser, ProcessInstance run) {
        Tasklist tasklist = new Tasklist(browser).logIn("olivia", PASSWORD);
        tasklist.filter("Cutover operators").lists("UAT on the new site");
        assertThat(browser.displays(Tasklist.END_OF_LIFE_BANNER)).as("Camunda's end-of-life banner").isFalse();
        assertThat(browser.text()).doesNotContain("time to migrate");
        browser.screenshot("01-tasklist-uat-waits");

        tasklist.open("UAT on the new site").claim()
                .tick("Every item on the checklist passed")
                .type("Notes", "Checked by Olivia on the rehearsal site");
        assertThat(tasklist.valueOf("Checklist")).contains("An application can be submitted end to end");
        assertThat(tasklist.link("The run's audit report")).endsWith("/cutover/runs/browser-launch/report");
        assertThat(tasklist.link("Where the run stands: the live page")).endsWith("/cutover/runs/browser-launch");
        browser.screenshot("02-uat-form-filled");

        tasklist.complete().noLongerLists("UAT on the new site");
        browser.screenshot("03-uat-completed");
        assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(run.getId())
                .taskDefinitionKey("uatNewSite").singleResult().getAssignee()).isEqualTo("olivia");

        jobs.runAll(run.getId());
        assertThat(run).hasPassed("uatNewSite", "newSiteIsLive", "updateTwilioEndpoints")
                .isWaitingAt("turnOffScheduledTasks");
        browser.driver().navigate().refresh();
        tasklist.filter("Cutover operators").lists("Turn off scheduled tasks on Heroku");
        browser.screenshot("04-next-task-waits");

        // the lead follows the run on the live page and reads its audit report
        browser.openAs("leo", PASSWORD, "/cutover/runs/browser-launch")
                .shows("Run browser-launch", "Who is asked for what now", "Turn off scheduled tasks on Heroku");
        assertThat(browser.waitFor(org.openqa.selenium.By.id("open-tasks")).getText())
                .contains("Turn off scheduled tasks on Heroku").contains("cutover-operators");
        browser.screenshot("05-live-page");
        browser.click(org.openqa.selenium.By.id("report-link"));
        browser.shows("Audit report: run browser-launch", "UAT on the new site", "Checked by Olivia on the rehearsal site");
        assertThat(browser.waitFor(org.openqa.selenium.By.id("timeline")).isDisplayed()).isTrue();
        browser.screenshot("06-audit-report");
    }

    /**
     * The lead's day: leo starts the whole run in Tasklist; once Before Day 0 is done, lena (the
     * second lead the four-eyes rule asks for) says go for Day 0; then leo asks for a rollback in
     * Tasklist, and lena confirms it after reading what it will undo.
     */
    @Test
    void aLeadStartsTheRunASecondLeadSaysGoAndARollbackIsRequestedAndConfirmedInTasklist() {
        try (Browser browser = Browser.on(port)) {
            try {
                leadsWorkTheRun(browser);
            } catch (RuntimeException | AssertionError failure) {
                browser.screenshot("failed-lead");
                throw failure;
            }
        }
    }

    private void leadsWorkTheRun(Browser browser) {
        Tasklist leo = new Tasklist(browser).logIn("leo", PASSWORD);
        leo.startProcess("Cutover").businessKey("browser-run");
        browser.screenshot("07-lead-starts-the-run");
        leo.start();
        ProcessInstance run = runtime.createProcessInstanceQuery().processDefinitionKey("cutover")
                .processInstanceBusinessKey("browser-run").singleResult();
        assertThat(run).as("the run leo started in Tasklist").isNotNull();
        assertThat(runtime.getVariable(run.getId(), "startedBy")).isEqualTo("leo");
        workBeforeDay0("browser-run");
        assertThat(run).isWaitingAt("goForDay0");

        browser.driver().manage().deleteAllCookies();
        Tasklist lena = new Tasklist(browser).logIn("lena", PASSWORD);
        lena.filter("Cutover leads").open("Go for Day 0?").claim()
                .choose("Go").tick("Go (leave unticked when waiting or stopping)")
                .type("Notes", "Preparation complete; the team is ready");
        assertThat(lena.valueOf("Time left in the launch window")).startsWith("T-");
        browser.screenshot("08-second-lead-says-go");
        lena.complete().noLongerLists("Go for Day 0?");
        assertThat(run).hasPassed("goForDay0");

        browser.driver().manage().deleteAllCookies();
        leo = new Tasklist(browser).logIn("leo", PASSWORD);
        leo.startProcess("Rollback").type("Run (its business key)", "browser-run")
                .type("Why roll back?", "The database team found a problem");
        browser.screenshot("09-lead-requests-a-rollback");
        leo.start();
        runJobs("browser-run");

        browser.driver().manage().deleteAllCookies();
        lena = new Tasklist(browser).logIn("lena", PASSWORD);
        lena.filter("Cutover leads").open("Confirm the rollback").claim();
        assertThat(lena.valueOf("Rollback path")).isEqualTo("rollback-before-redirect");
        browser.screenshot("10-lead-confirms-the-rollback");
        lena.tick("Roll back now").complete().noLongerLists("Confirm the rollback");
        runJobs("browser-run");

        assertThat(run).isEnded();
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(run.getId()).singleResult()
                .getEndActivityId()).startsWith("cutoverRolledBack");
    }

    /** Before Day 0 as the operators would answer its tasks (done, as asked), with the engine's jobs between. */
    private void workBeforeDay0(String key) {
        for (int round = 0; round < 40; round++) {
            runJobs(key);
            var open = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(key)
                    .processDefinitionKey("before-day-0").list();
            if (open.isEmpty()) {
                return;
            }
            identity.setAuthentication("olivia", List.of("cutover-operators"));
            try {
                open.forEach(task -> engine.getTaskService().complete(task.getId(), java.util.Map.of("approved", true)));
            } finally {
                identity.clearAuthentication();
            }
        }
    }

    /**
     * The run's jobs as the job executor would run them, until none is left to run: the phases', the
     * advisor's and its path's with the clock moving; the whole run's own steps, never its timers.
     */
    private void runJobs(String key) {
        var management = engine.getManagementService();
        for (int round = 0; round < 30; round++) {
            boolean ran = false;
            for (ProcessInstance instance : runtime.createProcessInstanceQuery().processInstanceBusinessKey(key).list()) {
                var waiting = management.createJobQuery().processInstanceId(instance.getId()).withRetriesLeft();
                if (instance.getProcessDefinitionId().startsWith("cutover:")) {
                    waiting = waiting.messages();
                }
                var next = waiting.list().stream().findFirst();
                if (next.isPresent()) {
                    if (!instance.getProcessDefinitionId().startsWith("cutover:")) {
                        jobs.runAll(instance.getId()).forEach(failure -> {
                            throw new AssertionError("a step of " + key + " failed: " + failure);
                        });
                    } else {
                        management.executeJob(next.get().getId());
                    }
                    ran = true;
                }
            }
            if (!ran) {
                return;
            }
        }
    }

    private void member(String id, String first, String last, String group) {
        if (identity.createUserQuery().userId(id).count() > 0) {
            return;
        }
        User user = identity.newUser(id);
        user.setFirstName(first);
        user.setLastName(last);
        user.setPassword(PASSWORD);
        identity.saveUser(user);
        identity.createMembership(id, group);
    }

    private <T> T asLead(Supplier<T> action) {
        identity.setAuthentication("leo", List.of("cutover-leads"));
        try {
            return action.get();
        } finally {
            identity.clearAuthentication();
        }
    }
}

package dev.cutover.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import dev.cutover.heroku.Formation;
import dev.cutover.heroku.HerokuPort;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.support.CutoverEngineTest;
import dev.cutover.support.EarlierPhases;
import dev.cutover.support.Jobs;
import dev.cutover.support.TestClock;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** A plan whose Scheduler jobs run in a clock dyno: Day 1 scales it instead of asking a person. */
@CutoverEngineTest
@TestPropertySource(properties = {
        "cutover.plan.launch.scheduler-process-type=clock",
        // a second test engine in this JVM: its own name, so the shared one stays registered as default
        "camunda.bpm.process-engine-name=clockdyno"})
class Day1ClockDynoTest {

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired Jobs jobs;
    @Autowired EarlierPhases phases;
    @Autowired TestClock clock;
    @Autowired WorldStore world;
    @Autowired HerokuPort heroku;
    @Autowired MigrationPlan plan;
    @Autowired dev.cutover.ledger.Ledger ledger;

    @BeforeEach
    void freshWorld() {
        BpmnAwareTests.init(engine);
        clock.reset();
        world.reset();
    }

    @Test
    void theClockDynoIsScaledToZeroAndARollbackScalesItBack() {
        ProcessInstance run = phases.start("day-1", "launch-clock");
        complete(run, "uatNewSite", Map.of("approved", true));
        jobs.runAll(run.getId());

        assertThat(run).hasPassed("scaleDownSchedulerProcess").hasNotPassed("turnOffScheduledTasks");
        assertThat(clockDynos()).isZero();

        complete(run, "uatTwilioVoicemail", Map.of("approved", true));
        complete(run, "makeReallySure", Map.of("approved", false, "decision", "no-go-roll-back"));
        jobs.runAll(run.getId());

        assertThat(run).isEnded().hasPassed("scaleSchedulerProcessBack", "day1RolledBack");
        assertThat(clockDynos()).isEqualTo(1);
    }

    @Test
    void afterDay1TheDnsRollbackScalesTheClockDynoBackFromTheLedger() {
        ProcessInstance run = phases.start("day-1", "launch-clock-done");
        complete(run, "uatNewSite", Map.of("approved", true));
        complete(run, "uatTwilioVoicemail", Map.of("approved", true));
        complete(run, "makeReallySure", Map.of("approved", true, "decision", "go"));
        jobs.runAll(run.getId());
        assertThat(run).isEnded().hasPassed("day1Done");
        assertThat(clockDynos()).isZero();

        ProcessInstance advisor = runtime.createMessageCorrelation("RollbackRequested")
                .processInstanceBusinessKey("launch-clock-done").setVariable("reason", "jobs do not run on Lambda")
                .correlateWithResult().getProcessInstance();
        jobs.runAll(advisor.getId());
        assertThat((String) runtime.getVariable(advisor.getId(), "rollbackPreview"))
                .contains("Heroku Scheduler: the clock process scaled back up");
        complete(advisor, "confirmRollback", Map.of("approved", true));
        jobs.runAll(advisor.getId());
        ProcessInstance dns = runtime.createProcessInstanceQuery().superProcessInstanceId(advisor.getId())
                .singleResult();
        jobs.runAll(dns.getId());

        assertThat(advisor).isEnded().hasPassed("runRolledBack");
        assertThat(dns).isEnded().hasPassed("addScheduledTasksBack").hasNotPassed("putScheduledTasksBack");
        assertThat(clockDynos()).isEqualTo(1);
        assertThat(ledger.entries("launch-clock-done")).anySatisfy(entry -> {
            assertThat(entry.phase()).isEqualTo("rollback-dns");
            assertThat(entry.activityId()).isEqualTo("addScheduledTasksBack");
            assertThat(entry.outcome()).isEqualTo(dev.cutover.step.Outcome.UNDONE);
        });
    }

    private int clockDynos() {
        return heroku.formation(plan.heroku().app()).stream().filter(f -> f.type().equals("clock"))
                .mapToInt(Formation::quantity).sum();
    }

    private void complete(ProcessInstance run, String taskKey, Map<String, Object> answer) {
        jobs.runThenComplete(run.getId(), taskKey, answer);
    }
}

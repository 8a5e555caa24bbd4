package dev.cutover.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import dev.cutover.rehearsal.WorldStore;
import dev.cutover.support.CutoverEngineTest;
import dev.cutover.support.EarlierPhases;
import dev.cutover.support.Jobs;
import dev.cutover.support.TestClock;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A run's phases start in the runbook's order, one at a time: a rollback message always finds exactly one. */
@CutoverEngineTest
class PhaseOrderTest {

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired Jobs jobs;
    @Autowired EarlierPhases phases;
    @Autowired TestClock clock;
    @Autowired WorldStore world;

    @BeforeEach
    void freshWorld() {
        BpmnAwareTests.init(engine);
        clock.reset();
        world.reset();
    }

    @Test
    void day2IsRefusedWhileDay1RunsAndTheMessageNamesDay1() {
        ProcessInstance day1 = phases.start("day-1", "order-running");
        jobs.runAll(day1.getId());
        assertThat(day1).isWaitingAt("uatNewSite");

        assertThatThrownBy(() -> runtime.startProcessInstanceByKey("day-2", "order-running"))
                .isInstanceOf(BadUserRequestException.class)
                .hasMessageContaining("Start day-2 for run 'order-running' only after day-1 has completed")
                .hasMessageContaining("day-1 is still running");
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("day-2")
                .processInstanceBusinessKey("order-running").count()).isZero();
    }

    @Test
    void day2IsRefusedBeforeDay1HasRunForTheRun() {
        phases.completedBefore("day-1", "order-none");

        assertThatThrownBy(() -> runtime.startProcessInstanceByKey("day-2", "order-none"))
                .isInstanceOf(BadUserRequestException.class)
                .hasMessageContaining("only after day-1 has completed").hasMessageContaining("day-1 has not run");
    }

    @Test
    void day2IsRefusedAfterDay1EndedRolledBack() {
        ProcessInstance day1 = phases.start("day-1", "order-rolled-back");
        jobs.runAll(day1.getId());
        complete(day1, "uatNewSite", Map.of("approved", false, "notes", "PDF generation fails"));
        complete(day1, "uatFailed", Map.of("approved", false, "decision", "rollback"));
        jobs.runAll(day1.getId());
        assertThat(day1).isEnded().hasPassed("day1RolledBack");

        assertThatThrownBy(() -> runtime.startProcessInstanceByKey("day-2", "order-rolled-back"))
                .isInstanceOf(BadUserRequestException.class)
                .hasMessageContaining("day-1 ended rolled back; run day-1 again first");
    }

    @Test
    void day1IsRefusedUntilDay0HasCompletedAndStartsOnceItHas() {
        phases.completedBefore("day-0", "order-day0");
        assertThatThrownBy(() -> runtime.startProcessInstanceByKey("day-1", "order-day0"))
                .hasMessageContaining("only after day-0 has completed");
        ProcessInstance day0 = runtime.startProcessInstanceByKey("day-0", "order-day0");
        assertThatThrownBy(() -> runtime.startProcessInstanceByKey("day-1", "order-day0"))
                .hasMessageContaining("day-0 is still running");

        jobs.runAll(day0.getId());

        assertThat(day0).isEnded().hasPassed("day0Done");
        assertThat(runtime.startProcessInstanceByKey("day-1", "order-day0")).isNotNull();
    }

    @Test
    void noPhaseStartsOnItsOwnWhileTheWholeRunRunsForTheRun() {
        runtime.startProcessInstanceByKey("cutover", "order-whole");

        assertThatThrownBy(() -> runtime.startProcessInstanceByKey("day-0", "order-whole"))
                .isInstanceOf(BadUserRequestException.class)
                .hasMessageContaining("being run by the whole cutover (cutover)");
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey("order-whole")
                .processDefinitionKey("before-day-0").count()).isEqualTo(1);
    }

    @Test
    void theWholeRunDoesNotStartWhileOneOfItsPhasesRunsOnItsOwn() {
        phases.start("day-1", "order-alone");

        assertThatThrownBy(() -> runtime.startProcessInstanceByKey("cutover", "order-alone"))
                .isInstanceOf(BadUserRequestException.class)
                .hasMessageContaining("has day-1 running on its own");
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("cutover")
                .processInstanceBusinessKey("order-alone").count()).isZero();
    }

    private void complete(ProcessInstance run, String taskKey, Map<String, Object> answer) {
        jobs.runThenComplete(run.getId(), taskKey, answer);
    }
}

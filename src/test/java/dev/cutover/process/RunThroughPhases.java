package dev.cutover.process;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import dev.cutover.support.Jobs;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

/** Drives a run's phases to their end in a test, answering every task yes (or with a given decision). */
final class RunThroughPhases {

    /** The forward answer of the tasks that take a decision. */
    private static final Map<String, String> DEFAULT_DECISIONS = Map.of(
            "makeReallySure", "go", "confirmHerokuOff", "turn-off");

    private final RuntimeService runtime;
    private final TaskService tasks;
    private final Jobs jobs;

    RunThroughPhases(RuntimeService runtime, TaskService tasks, Jobs jobs) {
        this.runtime = runtime;
        this.tasks = tasks;
        this.jobs = jobs;
    }

    /** Before Day 0, Day 0, Day 1 and Day 2 of {@code run}, each to its end; Day 2 turns Heroku off and deletes the old bucket. */
    void throughDay2(String run) {
        throughDay1(run);
        ProcessInstance day2 = finish(runtime.startProcessInstanceByKey("day-2", run), Map.of("confirmHerokuOff", "turn-off"));
        assertThat(day2).isEnded().hasPassed("day2Done");
    }

    void throughDay1(String run) {
        assertThat(finish(runtime.startProcessInstanceByKey("before-day-0", run), Map.of())).isEnded();
        assertThat(finish(runtime.startProcessInstanceByKey("day-0", run), Map.of())).isEnded().hasPassed("day0Done");
        assertThat(finish(runtime.startProcessInstanceByKey("day-1", run), Map.of())).isEnded().hasPassed("day1Done");
    }

    ProcessInstance finish(ProcessInstance instance, Map<String, String> decisions) {
        for (int round = 0; round < 20; round++) {
            jobs.runAll(instance.getId());
            List<Task> open = tasks.createTaskQuery().processInstanceId(instance.getId()).list();
            if (open.isEmpty()) {
                return instance;
            }
            for (Task task : open) {
                Map<String, Object> answer = new HashMap<>(Map.of("approved", true));
                String decision = decisions.getOrDefault(task.getTaskDefinitionKey(),
                        DEFAULT_DECISIONS.get(task.getTaskDefinitionKey()));
                if (decision != null) {
                    answer.put("decision", decision);
                }
                tasks.complete(task.getId(), answer);
            }
        }
        return instance;
    }

    void complete(ProcessInstance instance, String taskKey, Map<String, Object> answer) {
        jobs.runAll(instance.getId());
        Task task = tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(taskKey).singleResult();
        org.assertj.core.api.Assertions.assertThat(task).as("open task " + taskKey).isNotNull();
        tasks.complete(task.getId(), answer);
    }

    /** The instance a call activity of {@code parent} started, once its job ran. */
    ProcessInstance calledBy(ProcessInstance parent) {
        return runtime.createProcessInstanceQuery().superProcessInstanceId(parent.getId()).singleResult();
    }
}

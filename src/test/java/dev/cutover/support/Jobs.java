package dev.cutover.support;

import java.util.ArrayList;
import java.util.Comparator;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;

/**
 * Drives a process instance's jobs the way the job executor would, in due order, moving the
 * clock to each job's due date first: timers and retry back-offs pass without anyone waiting.
 */
public class Jobs {

    private final ManagementService management;
    private final TaskService tasks;
    private final TestClock clock;

    Jobs(ManagementService management, TaskService tasks, TestClock clock) {
        this.management = management;
        this.tasks = tasks;
        this.clock = clock;
    }

    /** Runs the instance's jobs until it waits, then completes its open task {@code taskKey} with this answer. */
    public void runThenComplete(String processInstanceId, String taskKey, Map<String, Object> answer) {
        runAll(processInstanceId);
        Task task = tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(taskKey)
                .singleResult();
        assertThat(task).as("open task " + taskKey).isNotNull();
        tasks.complete(task.getId(), answer);
    }

    /** Runs the job due first, moving the clock to it; false when none is left. */
    public boolean runNext(String processInstanceId) {
        Job next = dueFirst(processInstanceId);
        if (next == null) {
            return false;
        }
        if (next.getDuedate() != null) {
            clock.advanceTo(next.getDuedate().toInstant());
        }
        management.executeJob(next.getId());
        return true;
    }

    private Job dueFirst(String processInstanceId) {
        return management.createJobQuery().processInstanceId(processInstanceId).withRetriesLeft().list().stream()
                .min(Comparator.comparing(job -> job.getDuedate() == null ? new java.util.Date(0) : job.getDuedate()))
                .orElse(null);
    }

    /**
     * Runs jobs until none with retries left remain (the instance ended, waits for a person, or
     * has an incident). Returns the failures met on the way, in order.
     */
    public List<String> runAll(String processInstanceId) {
        List<String> failures = new ArrayList<>();
        for (int executed = 0; executed < 500; executed++) {
            Job next = dueFirst(processInstanceId);
            if (next == null) {
                return failures;
            }
            if (next.getDuedate() != null) {
                clock.advanceTo(next.getDuedate().toInstant());
            }
            try {
                management.executeJob(next.getId());
            } catch (RuntimeException failure) {
                failures.add(failure.getMessage());
            }
        }
        throw new IllegalStateException("process instance " + processInstanceId + " still has jobs after 500");
    }
}

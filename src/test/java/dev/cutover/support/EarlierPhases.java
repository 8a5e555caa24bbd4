package dev.cutover.support;

import dev.cutover.process.Phases;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

/**
 * A phase starts only after the one before it completed for the run. A test of a later phase
 * gets the earlier ones completed quickly: each is started at its "done" end event, so the engine's
 * history shows it completed (what the run guard reads) and nothing in the world changes.
 */
public class EarlierPhases {

    private static final Map<String, String> DONE = Map.of(
            "before-day-0", "readyForDay0", "day-0", "day0Done", "day-1", "day1Done", "day-2", "day2Done");

    private final RuntimeService runtime;
    private final HistoryService history;
    private final TaskService tasks;
    private final Jobs jobs;

    EarlierPhases(RuntimeService runtime, HistoryService history, TaskService tasks, Jobs jobs) {
        this.runtime = runtime;
        this.history = history;
        this.tasks = tasks;
        this.jobs = jobs;
    }

    /** Starts {@code phase} for the run, the phases before it recorded as completed first where they are not. */
    public ProcessInstance start(String phase, String run) {
        completedBefore(phase, run);
        return runtime.startProcessInstanceByKey(phase, run);
    }

    /** Records every phase before {@code phase} as completed for the run, where its last instance did not. */
    public void completedBefore(String phase, String run) {
        for (String earlier : Phases.ORDER.subList(0, Phases.ORDER.indexOf(phase))) {
            boolean done = Phases.latest(history, earlier, run)
                    .map(instance -> Phases.ending(history, instance) == Phases.Ending.DONE).orElse(false);
            if (!done) {
                runtime.createProcessInstanceByKey(earlier).businessKey(run)
                        .startBeforeActivity(DONE.get(earlier)).execute();
            }
        }
    }

    /**
     * Day 1 worked to its end for the run, as its people answer (the UATs passed, the Scheduler
     * turned off by hand, the lead's go): the new site live and the old name redirected, in the world.
     */
    public ProcessInstance launched(String run) {
        ProcessInstance day1 = start("day-1", run);
        for (String task : java.util.List.of("uatNewSite", "turnOffScheduledTasks", "uatTwilioVoicemail", "makeReallySure")) {
            jobs.runAll(day1.getId());
            Task open = tasks.createTaskQuery().processInstanceId(day1.getId()).taskDefinitionKey(task).singleResult();
            if (open == null) {
                throw new AssertionError("Day 1 of " + run + " does not wait at " + task);
            }
            tasks.complete(open.getId(), "makeReallySure".equals(task)
                    ? Map.of("approved", true, "decision", "go") : Map.of("approved", true));
        }
        jobs.runAll(day1.getId());
        if (runtime.createProcessInstanceQuery().processInstanceId(day1.getId()).count() > 0) {
            throw new AssertionError("Day 1 of " + run + " did not end");
        }
        return day1;
    }
}

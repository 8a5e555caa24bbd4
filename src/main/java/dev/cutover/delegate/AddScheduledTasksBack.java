package dev.cutover.delegate;

import dev.cutover.ledger.Ledger;
import dev.cutover.process.Vars;
import dev.cutover.step.Ensured;
import dev.cutover.step.ForwardStep;
import dev.cutover.step.Outcome;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Add scheduled tasks back to prod, the way Day 1 turned them off: a scheduler process the run
 * scaled down is scaled back up here; jobs the operators switched off by hand go back to them
 * ({@code scheduledTasksByHand}, a task in the model). Nothing is asked when the run never
 * turned them off, or someone has put them back since.
 */
@Component("addScheduledTasksBack")
class AddScheduledTasksBack extends Step {

    private final ScaleSchedulerProcessBack scaleBack;
    private final RollbackPaths paths;

    AddScheduledTasksBack(Ledger ledger, ScaleSchedulerProcessBack scaleBack, RollbackPaths paths) {
        super(ledger);
        this.scaleBack = scaleBack;
        this.paths = paths;
    }

    @Override
    protected void perform(StepContext step) {
        if (ForwardStep.touched(ScaleSchedulerProcessBack.SCALED_DOWN.entries(ledger, step))) {
            step.set(Vars.SCHEDULED_TASKS_BY_HAND, false);
            scaleBack.scaleBack(step);
            return;
        }
        boolean byHand = paths.byHand(step);
        step.set(Vars.SCHEDULED_TASKS_BY_HAND, byHand);
        if (byHand) {
            ledger.record(step.record(Outcome.CHECKED, "the operators switched the Scheduler's jobs off by hand on"
                    + " Day 1: a task asks them to switch them back on", Map.of()));
            return;
        }
        record(step, Ensured.alreadyDone(step.run()), "Day 1 never turned the scheduled tasks off (or they are back"
                + " on): nothing to undo", Map.of());
    }
}

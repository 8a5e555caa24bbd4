package dev.cutover.delegate;

import dev.cutover.ledger.Ledger;
import dev.cutover.process.Vars;
import dev.cutover.step.Outcome;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * Stop the running phase: the lead confirmed, so every instance of the run that listens to
 * {@code StopForRollback} gets it (a running phase then runs its own compensation, the whole run
 * stops waiting for its next phase). None listening is fine: nothing was running.
 */
@Component("stopRunningPhase")
class StopRunningPhase extends Step {

    static final String MESSAGE = "StopForRollback";

    private final RuntimeService runtime;
    private final RunningPhases running;

    StopRunningPhase(Ledger ledger, RuntimeService runtime, RunningPhases running) {
        super(ledger);
        this.runtime = runtime;
        this.running = running;
    }

    @Override
    protected void perform(StepContext step) {
        String before = String.join(", ", running.of(step.run()));
        var stopped = runtime.createMessageCorrelation(MESSAGE).processInstanceBusinessKey(step.run())
                .setVariable(Vars.REASON.name(), step.getOrNull(Vars.REASON))
                .correlateAllWithResult();
        ledger.record(step.record(stopped.isEmpty() ? Outcome.ALREADY_DONE : Outcome.CHANGED,
                stopped.isEmpty() ? "no phase of the run was running" : stopped.size() + " instance(s) of the run"
                        + " told to stop for the rollback" + (before.isEmpty() ? "" : " (running: " + before + ")"),
                Map.of()));
        running.show(step);
    }
}

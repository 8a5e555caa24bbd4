package dev.cutover.delegate;

import dev.cutover.ledger.Ledger;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import org.springframework.stereotype.Component;

/** One look at whether the run's phases have stopped (their own compensation may take a while, or a person). */
@Component("checkPhaseStopped")
class CheckPhaseStopped extends Step {

    private final RunningPhases running;

    CheckPhaseStopped(Ledger ledger, RunningPhases running) {
        super(ledger);
        this.running = running;
    }

    @Override
    protected void perform(StepContext step) {
        running.show(step);
    }
}

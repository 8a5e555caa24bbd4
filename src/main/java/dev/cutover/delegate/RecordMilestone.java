package dev.cutover.delegate;

import dev.cutover.ledger.Ledger;
import dev.cutover.process.Vars;
import dev.cutover.step.Outcome;
import dev.cutover.step.StepContext;
import java.time.Clock;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** A milestone reached ("New site is live"): its time, in a variable and in the ledger. */
@Component("recordMilestone")
class RecordMilestone implements ExecutionListener {

    private final Ledger ledger;
    private final Clock clock;

    RecordMilestone(Ledger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    @Override
    public void notify(DelegateExecution execution) {
        StepContext step = new StepContext(execution);
        Date at = Date.from(clock.instant());
        step.set(Vars.NEW_SITE_LIVE_AT, at);
        ledger.record(step.record(Outcome.CHECKED, step.step() + " at " + at.toInstant(), Map.of()));
    }
}

package dev.cutover.step;

import dev.cutover.ledger.Ledger;
import java.util.Map;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A runbook step backed by a delegate. A technical failure is written to the ledger at once (the
 * job's own transaction rolls back) and rethrown, so the engine retries and, in the end, raises an
 * incident with the same message.
 */
public abstract class Step implements JavaDelegate {

    private static final Logger log = LoggerFactory.getLogger(Step.class);

    protected final Ledger ledger;

    protected Step(Ledger ledger) {
        this.ledger = ledger;
    }

    @Override
    public final void execute(DelegateExecution execution) {
        StepContext step = new StepContext(execution);
        try {
            perform(step);
        } catch (BpmnError businessOutcome) {
            throw businessOutcome;
        } catch (RuntimeException failure) {
            log.warn("run {}: '{}' failed: {}", step.run(), step.step(), failure.getMessage());
            Map<String, String> references = failure instanceof StepFailedException stepFailed
                    ? stepFailed.references() : Map.of();
            ledger.recordAtOnce(step.record(Outcome.FAILED, failure.getMessage(), references));
            throw failure;
        }
    }

    protected abstract void perform(StepContext step);

    /** Writes the step's outcome in the job's transaction, and logs it. */
    protected void record(StepContext step, Ensured<?> ensured, String detail, Map<String, String> undo) {
        log.info("run {}: '{}' {}: {}", step.run(), step.step(), ensured.outcome().label(), detail);
        ledger.record(step.record(ensured.outcome(), detail, undo));
    }
}

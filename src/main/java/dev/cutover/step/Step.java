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
            if (step.rollingBack()) {
                // a half-done rollback must say loudly which step stopped it: the incident names it
                throw new StepFailedException("'" + step.step() + "' failed: " + failure.getMessage(), failure);
            }
            throw failure;
        }
    }

    protected abstract void perform(StepContext step);

    /**
     * An undo whose forward step changed nothing in this run (it never ran, or found everything
     * "already done") records so and returns true: nothing to undo.
     */
    protected boolean nothingToUndo(StepContext step, ForwardStep forward) {
        if (ForwardStep.touched(forward.entries(ledger, step))) {
            return false;
        }
        String detail = "'" + forward.activityId() + "' of " + forward.phase() + " changed nothing in this run:"
                + " nothing to undo";
        log.info("run {}: '{}' already done: {}", step.run(), step.step(), detail);
        ledger.record(step.record(Outcome.ALREADY_DONE, detail, Map.of()));
        return true;
    }

    /** Writes an undo's outcome: {@code compensated} or {@code undone} where it changed something. */
    protected void recordUndo(StepContext step, Ensured<?> ensured, String detail, Map<String, String> undo) {
        Outcome outcome = ensured.changed() ? step.undoOutcome() : ensured.outcome();
        log.info("run {}: '{}' {}: {}", step.run(), step.step(), outcome.label(), detail);
        ledger.record(step.record(outcome, detail, undo));
    }

    /** Writes the step's outcome in the job's transaction, and logs it. */
    protected void record(StepContext step, Ensured<?> ensured, String detail, Map<String, String> undo) {
        log.info("run {}: '{}' {}: {}", step.run(), step.step(), ensured.outcome().label(), detail);
        ledger.record(step.record(ensured.outcome(), detail, undo));
    }
}

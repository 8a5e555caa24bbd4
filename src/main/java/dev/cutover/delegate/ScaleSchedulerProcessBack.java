package dev.cutover.delegate;

import dev.cutover.heroku.Formation;
import dev.cutover.heroku.HerokuPort;
import dev.cutover.ledger.Ledger;
import dev.cutover.ledger.LedgerEntry;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.process.Vars;
import dev.cutover.step.Ensured;
import dev.cutover.step.ForwardStep;
import dev.cutover.step.Outcome;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import dev.cutover.step.Undoes;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * Scale the scheduler process back up: to the dynos the run saw before it scaled it down (1 if it
 * saw none). Day 1's compensation, and a rollback's "Add scheduled tasks back to prod".
 */
@Component("scaleSchedulerProcessBack")
class ScaleSchedulerProcessBack extends Step implements Undoes {

    static final ForwardStep SCALED_DOWN = new ForwardStep("day-1", "scaleDownSchedulerProcess");

    private final HerokuPort heroku;
    private final MigrationPlan plan;

    ScaleSchedulerProcessBack(Ledger ledger, HerokuPort heroku, MigrationPlan plan) {
        super(ledger);
        this.heroku = heroku;
        this.plan = plan;
    }

    @Override
    public ForwardStep undoes() {
        return SCALED_DOWN;
    }

    @Override
    protected void perform(StepContext step) {
        if (nothingToUndo(step, SCALED_DOWN)) {
            return;
        }
        scaleBack(step);
    }

    /** Scales the process back, recorded as an undo: for a step that has found the scale-down in the ledger. */
    void scaleBack(StepContext step) {
        List<LedgerEntry> scaledDown = SCALED_DOWN.entries(ledger, step);
        String app = plan.heroku().app();
        // a rollback process has no Day 1 variables: the scale-down kept the process type
        String type = scaledDown.stream().map(entry -> entry.undo().get("processType")).filter(Objects::nonNull)
                .findFirst().orElseGet(() -> step.get(Vars.SCHEDULER_PROCESS_TYPE));
        int quantity = scaledDown.stream()
                .filter(entry -> entry.outcome() == Outcome.CHECKED)
                .map(LedgerEntry::undo)
                .map(undo -> undo.get("previousQuantity"))
                .filter(previous -> previous != null && !"0".equals(previous))
                .map(Integer::parseInt)
                .findFirst()
                .orElse(1);
        Ensured<Formation> before = heroku.scale(app, type, quantity);
        recordUndo(step, before, app + ": " + type + " " + before.value().quantity() + " → " + quantity + " dynos",
                Map.of("herokuApp", app, "processType", type));
    }
}

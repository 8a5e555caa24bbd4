package dev.cutover.delegate;

import dev.cutover.heroku.Formation;
import dev.cutover.heroku.HerokuPort;
import dev.cutover.ledger.Ledger;
import dev.cutover.ledger.LedgerEntry;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.process.Vars;
import dev.cutover.step.Ensured;
import dev.cutover.step.Outcome;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Compensation: the scheduler process back at the dynos the run saw before it scaled it down (1 if it saw none). */
@Component("scaleSchedulerProcessBack")
class ScaleSchedulerProcessBack extends Step {

    private static final String SCALED_DOWN = "Turn off scheduled tasks on Heroku (scale the scheduler process to 0)";

    private final HerokuPort heroku;
    private final MigrationPlan plan;

    ScaleSchedulerProcessBack(Ledger ledger, HerokuPort heroku, MigrationPlan plan) {
        super(ledger);
        this.heroku = heroku;
        this.plan = plan;
    }

    @Override
    protected void perform(StepContext step) {
        String app = plan.heroku().app();
        String type = step.get(Vars.SCHEDULER_PROCESS_TYPE);
        int quantity = ledger.entries(step.processInstanceId(), SCALED_DOWN).stream()
                .filter(entry -> entry.outcome() == Outcome.CHECKED)
                .map(LedgerEntry::undo)
                .map(undo -> undo.get("previousQuantity"))
                .filter(previous -> previous != null && !"0".equals(previous))
                .map(Integer::parseInt)
                .findFirst()
                .orElse(1);
        Ensured<Formation> before = heroku.scale(app, type, quantity);
        record(step, before, app + ": " + type + " " + before.value().quantity() + " → " + quantity + " dynos",
                Map.of("herokuApp", app, "processType", type));
    }
}

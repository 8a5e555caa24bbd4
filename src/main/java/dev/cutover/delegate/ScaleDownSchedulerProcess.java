package dev.cutover.delegate;

import dev.cutover.heroku.Formation;
import dev.cutover.heroku.HerokuPort;
import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.process.Vars;
import dev.cutover.step.Ensured;
import dev.cutover.step.Outcome;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Turn off scheduled tasks on Heroku, where they run in a process type: scale it to 0. */
@Component("scaleDownSchedulerProcess")
class ScaleDownSchedulerProcess extends Step {

    private final HerokuPort heroku;
    private final MigrationPlan plan;

    ScaleDownSchedulerProcess(Ledger ledger, HerokuPort heroku, MigrationPlan plan) {
        super(ledger);
        this.heroku = heroku;
        this.plan = plan;
    }

    @Override
    protected void perform(StepContext step) {
        String app = plan.heroku().app();
        String type = step.get(Vars.SCHEDULER_PROCESS_TYPE);
        // saved at once: if the scale goes through and this job still rolls back, the retry finds 0
        boolean saved = ledger.entries(step.processInstanceId(), step.activityId()).stream()
                .anyMatch(entry -> entry.outcome() == Outcome.CHECKED);
        if (!saved) {
            int dynos = heroku.formation(app).stream().filter(formation -> formation.type().equals(type))
                    .mapToInt(Formation::quantity).sum();
            ledger.recordAtOnce(step.record(Outcome.CHECKED, "before scaling: " + type + " ran " + dynos + " dynos",
                    Map.of("herokuApp", app, "processType", type, "previousQuantity", String.valueOf(dynos))));
        }
        Ensured<Formation> before = heroku.scale(app, type, 0);
        record(step, before, app + ": " + type + " " + before.value().quantity() + " → 0 dynos",
                Map.of("herokuApp", app, "processType", type, "previousQuantity",
                        String.valueOf(before.value().quantity())));
    }
}

package dev.cutover.delegate;

import dev.cutover.heroku.Formation;
import dev.cutover.heroku.HerokuPort;
import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.process.Vars;
import dev.cutover.step.Ensured;
import dev.cutover.step.ForwardStep;
import dev.cutover.step.Outcome;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Turn off the Heroku app: maintenance mode on (visitors get the maintenance page, not an error),
 * then every process type scaled to 0 (maintenance leaves workers running). The formation it had is
 * written to the ledger at once, before anything changes, so a retry and the compensation find it.
 */
@Component("turnOffHerokuApp")
class TurnOffHerokuApp extends Step {

    static final ForwardStep STEP = new ForwardStep("day-2", "turnOffHerokuApp");

    private final HerokuPort heroku;
    private final MigrationPlan plan;

    TurnOffHerokuApp(Ledger ledger, HerokuPort heroku, MigrationPlan plan) {
        super(ledger);
        this.heroku = heroku;
        this.plan = plan;
    }

    @Override
    protected void perform(StepContext step) {
        String app = plan.heroku().app();
        String saved = HerokuFormations.saved(ledger, step);
        if (saved == null) {
            saved = HerokuFormations.write(heroku.formation(app));
            ledger.recordAtOnce(step.record(Outcome.CHECKED, "before turning it off: "
                    + HerokuFormations.describe(HerokuFormations.read(saved)),
                    Map.of("herokuApp", app, HerokuFormations.REFERENCE, saved)));
        }
        List<Formation> before = HerokuFormations.read(saved);
        step.set(Vars.HEROKU_FORMATION_BEFORE, HerokuFormations.describe(before));
        boolean changed = heroku.ensureMaintenance(app, true).changed();
        for (Formation type : heroku.formation(app)) {
            if (type.quantity() > 0) {
                changed |= heroku.scale(app, type.type(), 0).changed();
            }
        }
        Ensured<String> outcome = changed ? Ensured.changed(app) : Ensured.alreadyDone(app);
        record(step, outcome, app + ": maintenance on, every process type at 0 dynos (was "
                + HerokuFormations.describe(before) + ")", Map.of("herokuApp", app, HerokuFormations.REFERENCE, saved));
    }
}

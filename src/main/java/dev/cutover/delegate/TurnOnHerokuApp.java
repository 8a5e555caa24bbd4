package dev.cutover.delegate;

import dev.cutover.heroku.Formation;
import dev.cutover.heroku.HerokuPort;
import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.step.Ensured;
import dev.cutover.step.Outcome;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Turn on heroku app: the formation Day 2 saved before it turned the app off, then maintenance
 * off. A Day 2 that never turned it off saved none: the app is left as it is.
 */
@Component("turnOnHerokuApp")
class TurnOnHerokuApp extends Step {

    private final HerokuPort heroku;
    private final MigrationPlan plan;

    TurnOnHerokuApp(Ledger ledger, HerokuPort heroku, MigrationPlan plan) {
        super(ledger);
        this.heroku = heroku;
        this.plan = plan;
    }

    @Override
    protected void perform(StepContext step) {
        String app = plan.heroku().app();
        String day2 = RunLedger.of(ledger, step.run()).latestInstance("day-2").orElse(null);
        String saved = day2 == null ? null : HerokuFormations.saved(ledger, day2);
        if (saved == null) {
            record(step, Ensured.alreadyDone(app), "Day 2 never turned " + app + " off: nothing to turn on", Map.of());
            return;
        }
        List<Formation> formation = HerokuFormations.read(saved);
        boolean changed = false;
        for (Formation type : formation) {
            changed |= heroku.scale(app, type.type(), type.quantity()).changed();
        }
        changed |= heroku.ensureMaintenance(app, false).changed();
        record(step, changed ? new Ensured<>(Outcome.UNDONE, app) : Ensured.alreadyDone(app), app + ": "
                + HerokuFormations.describe(formation) + ", maintenance off", Map.of("herokuApp", app,
                HerokuFormations.REFERENCE, saved));
    }
}

package dev.cutover.delegate;

import dev.cutover.heroku.Formation;
import dev.cutover.heroku.HerokuPort;
import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.step.Ensured;
import dev.cutover.step.ForwardStep;
import dev.cutover.step.Undoes;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Compensation of "turn off the Heroku app": the formation the ledger kept before it was turned
 * off, then maintenance mode off.
 */
@Component("turnHerokuAppBackOn")
class TurnHerokuAppBackOn extends Step implements Undoes {

    private final HerokuPort heroku;
    private final MigrationPlan plan;

    TurnHerokuAppBackOn(Ledger ledger, HerokuPort heroku, MigrationPlan plan) {
        super(ledger);
        this.heroku = heroku;
        this.plan = plan;
    }

    @Override
    public ForwardStep undoes() {
        return TurnOffHerokuApp.STEP;
    }

    @Override
    protected void perform(StepContext step) {
        String app = plan.heroku().app();
        // no formation saved: the step failed before it changed any (maintenance goes off all the same)
        String saved = HerokuFormations.saved(ledger, step);
        List<Formation> formation = HerokuFormations.read(saved);
        boolean changed = false;
        for (Formation type : formation) {
            changed |= heroku.scale(app, type.type(), type.quantity()).changed();
        }
        changed |= heroku.ensureMaintenance(app, false).changed();
        String done = app + ": " + (saved == null ? "" : HerokuFormations.describe(formation) + ", ") + "maintenance off";
        recordUndo(step, changed ? Ensured.changed(app) : Ensured.alreadyDone(app), done, Map.of("herokuApp", app));
    }
}

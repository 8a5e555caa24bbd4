package dev.cutover.delegate;

import dev.cutover.heroku.Formation;
import dev.cutover.heroku.HerokuPort;
import dev.cutover.ledger.Ledger;
import dev.cutover.ledger.LedgerEntry;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.step.Ensured;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import dev.cutover.step.StepFailedException;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Compensation of "turn off the Heroku app": the formation the ledger kept before it was turned
 * off, then maintenance mode off.
 */
@Component("turnHerokuAppBackOn")
class TurnHerokuAppBackOn extends Step {

    static final String TURNED_OFF = "Turn off the Heroku app";

    private final HerokuPort heroku;
    private final MigrationPlan plan;

    TurnHerokuAppBackOn(Ledger ledger, HerokuPort heroku, MigrationPlan plan) {
        super(ledger);
        this.heroku = heroku;
        this.plan = plan;
    }

    @Override
    protected void perform(StepContext step) {
        String app = plan.heroku().app();
        String saved = ledger.entries(step.processInstanceId(), TURNED_OFF).stream()
                .map(LedgerEntry::undo)
                .map(undo -> undo.get(HerokuFormations.REFERENCE))
                .filter(formation -> formation != null)
                .findFirst()
                .orElseThrow(() -> new StepFailedException("The ledger of this run has no formation saved by '"
                        + TURNED_OFF + "': scale the app's process types by hand, then complete this step."));
        List<Formation> formation = HerokuFormations.read(saved);
        boolean changed = false;
        for (Formation type : formation) {
            changed |= heroku.scale(app, type.type(), type.quantity()).changed();
        }
        changed |= heroku.ensureMaintenance(app, false).changed();
        record(step, changed ? Ensured.changed(app) : Ensured.alreadyDone(app), app + ": "
                + HerokuFormations.describe(formation) + ", maintenance off", Map.of("herokuApp", app));
    }
}

package dev.cutover.delegate;

import dev.cutover.heroku.Formation;
import dev.cutover.heroku.HerokuPort;
import dev.cutover.ledger.Ledger;
import dev.cutover.ledger.LedgerEntry;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.step.Ensured;
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
        // no formation saved: the step failed before it changed any (maintenance goes off all the same)
        Ensured<String> back = turnBackOn(savedFormation(step.processInstanceId()));
        record(step, back, back.value(), Map.of("herokuApp", app));
    }

    /** The formation "turn off the Heroku app" kept in this run's ledger, or null when it kept none. */
    String savedFormation(String processInstanceId) {
        return ledger.entries(processInstanceId, TURNED_OFF).stream()
                .map(LedgerEntry::undo)
                .map(undo -> undo.get(HerokuFormations.REFERENCE))
                .filter(formation -> formation != null)
                .findFirst()
                .orElse(null);
    }

    /** Scales back to {@code saved} (when known), then maintenance off; what it did, for the ledger. */
    Ensured<String> turnBackOn(String saved) {
        String app = plan.heroku().app();
        List<Formation> formation = HerokuFormations.read(saved);
        boolean changed = false;
        for (Formation type : formation) {
            changed |= heroku.scale(app, type.type(), type.quantity()).changed();
        }
        changed |= heroku.ensureMaintenance(app, false).changed();
        String done = app + ": " + (saved == null ? "" : HerokuFormations.describe(formation) + ", ") + "maintenance off";
        return changed ? Ensured.changed(done) : Ensured.alreadyDone(done);
    }
}

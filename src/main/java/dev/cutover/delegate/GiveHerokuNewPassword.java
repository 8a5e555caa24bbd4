package dev.cutover.delegate;

import dev.cutover.aws.secrets.SecretStorePort;
import dev.cutover.heroku.HerokuPort;
import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.process.Vars;
import dev.cutover.step.Ensured;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import dev.cutover.step.StepFailedException;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Compensation of "change database user password": a password cannot be changed back (the old one
 * is no longer kept anywhere), so the Heroku app, about to be turned back on, gets the new one in
 * its database URL ("we need to update the database credentials").
 */
@Component("giveHerokuNewPassword")
class GiveHerokuNewPassword extends Step {

    private final SecretStorePort secrets;
    private final HerokuPort heroku;
    private final MigrationPlan plan;

    GiveHerokuNewPassword(Ledger ledger, SecretStorePort secrets, HerokuPort heroku, MigrationPlan plan) {
        super(ledger);
        this.secrets = secrets;
        this.heroku = heroku;
        this.plan = plan;
    }

    @Override
    protected void perform(StepContext step) {
        String app = plan.heroku().app();
        String variable = plan.rds().urlVariable();
        String secretArn = step.get(Vars.DATABASE_PASSWORD_SECRET);
        String current = heroku.configVars(app).get(variable);
        if (current == null) {
            throw new StepFailedException("Heroku app " + app + " has no config var " + variable
                    + ": set it by hand with the password kept in " + secretArn + ", then complete this step");
        }
        String wanted;
        try {
            wanted = DatabaseUrl.withPassword(current, secrets.read(secretArn), "Heroku config var " + variable);
        } catch (IllegalArgumentException notAUrl) {
            throw new StepFailedException(notAUrl.getMessage() + " of app " + app + ": set its password by hand");
        }
        if (wanted.equals(current)) {
            record(step, Ensured.alreadyDone(app), app + ": " + variable + " already holds the password kept in "
                    + secretArn, Map.of(ChangeDatabasePassword.SECRET_REFERENCE, secretArn));
            return;
        }
        heroku.setConfigVars(app, Map.of(variable, wanted));
        record(step, Ensured.changed(app), app + ": " + variable + " now holds the password kept in " + secretArn,
                Map.of(ChangeDatabasePassword.SECRET_REFERENCE, secretArn));
    }
}

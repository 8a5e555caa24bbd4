package dev.cutover.delegate;

import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.process.Vars;
import dev.cutover.step.Ensured;
import dev.cutover.step.ForwardStep;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import dev.cutover.step.Undoes;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Compensation of "change database user password": a password cannot be changed back (the old one
 * is kept nowhere), so whatever a rollback finds, every app gets the new one: Zappa's remote env
 * and the Lambda function (www may still point at it, and a rollback may come before they were
 * repointed), and the Heroku app about to be turned back on ("we need to update the database
 * credentials"). Each is unchanged where it already holds it.
 */
@Component("pointEveryAppAtNewPassword")
class PointEveryAppAtNewPassword extends Step implements Undoes {

    private final NewDatabasePassword password;
    private final MigrationPlan plan;

    PointEveryAppAtNewPassword(Ledger ledger, NewDatabasePassword password, MigrationPlan plan) {
        super(ledger);
        this.password = password;
        this.plan = plan;
    }

    @Override
    public ForwardStep undoes() {
        return ChangeDatabasePassword.STEP;
    }

    @Override
    protected void perform(StepContext step) {
        String secretArn = step.getOrNull(Vars.DATABASE_PASSWORD_SECRET);
        if (secretArn == null) {
            // the password change did not complete: the ledger knows whether it kept (and set) one
            secretArn = ChangeDatabasePassword.keptSecret(ChangeDatabasePassword.STEP.entries(ledger, step));
        }
        if (secretArn == null) {
            record(step, Ensured.alreadyDone(plan.heroku().app()), "no new database password was kept: nothing to"
                    + " point at", Map.of());
            return;
        }
        String lambdaApp = password.intoLambdaApp(secretArn);
        Ensured<String> heroku = password.intoHeroku(secretArn);
        recordUndo(step, Ensured.changed(plan.heroku().app()), lambdaApp + ", and Heroku app " + plan.heroku().app()
                + (heroku.changed() ? "" : " (already)") + ": " + plan.rds().urlVariable() + " holds the password kept in " + secretArn,
                Map.of(ChangeDatabasePassword.SECRET_REFERENCE, secretArn));
    }
}

package dev.cutover.delegate;

import dev.cutover.aws.rds.RdsPort;
import dev.cutover.ledger.Ledger;
import dev.cutover.ledger.LedgerEntry;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.step.Ensured;
import dev.cutover.step.Outcome;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import dev.cutover.tower.TowerJob;
import dev.cutover.tower.TowerPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.HistoryService;
import org.springframework.stereotype.Component;

/**
 * Before Day 2's compensation: Camunda compensates only the steps that completed, but a step can
 * change production and then fail (maintenance on, then the scale refused; the password set on
 * RDS, then the job lost). A step the ledger shows touched that never completed is undone here the
 * way its compensation would, idempotently, in the runbook's reverse order.
 */
@Component("undoUnfinishedSteps")
class UndoUnfinishedSteps extends Step {

    private final HistoryService history;
    private final TurnHerokuAppBackOn herokuBackOn;
    private final NewDatabasePassword newPassword;
    private final RdsPort rds;
    private final TowerPort tower;
    private final MigrationPlan plan;

    UndoUnfinishedSteps(Ledger ledger, HistoryService history, TurnHerokuAppBackOn herokuBackOn,
            NewDatabasePassword newPassword, RdsPort rds, TowerPort tower, MigrationPlan plan) {
        super(ledger);
        this.history = history;
        this.herokuBackOn = herokuBackOn;
        this.newPassword = newPassword;
        this.rds = rds;
        this.tower = tower;
        this.plan = plan;
    }

    @Override
    protected void perform(StepContext step) {
        String run = step.processInstanceId();
        List<String> undone = new ArrayList<>();
        if (unfinished(run, "runClosePostgresPorts", "Run close postgres ports playbooks")) {
            MigrationPlan.JobTemplate createStorage = plan.tower().jobTemplates().createStorage();
            TowerJob job = tower.launchJob(createStorage.name(), createStorage.extraVars());
            ledger.recordAtOnce(step.record(Outcome.CHANGED, "the close postgres ports job may have run: launched"
                    + " AWX job " + job.id() + " from '" + createStorage.name() + "' to open the ports again",
                    Map.of(Playbooks.JOB_REFERENCE, String.valueOf(job.id()))));
            undone.add("create_storage launched (AWX job " + job.id() + ") to open the Postgres ports");
        }
        if (unfinished(run, "makeDatabaseNotPublic", "Make database not public")) {
            rds.ensurePubliclyAccessible(plan.rds().instanceId(), true);
            undone.add(plan.rds().instanceId() + " publicly accessible again");
        }
        String passwordSecret = ledger.entries(run, "Change database user password").stream()
                .map(LedgerEntry::undo).map(undo -> undo.get(ChangeDatabasePassword.CHANGED_AT) == null ? null
                        : undo.get(ChangeDatabasePassword.SECRET_REFERENCE))
                .filter(Objects::nonNull).findFirst().orElse(null);
        if (passwordSecret != null && unfinished(run, "changeDatabasePassword", "Change database user password")) {
            // RDS may have the new password: every app gets it
            newPassword.intoRemoteEnv(passwordSecret);
            newPassword.intoLambda(passwordSecret);
            newPassword.intoHeroku(passwordSecret);
            undone.add("Lambda and Heroku on the new database password kept in " + passwordSecret);
        }
        if (unfinished(run, "turnOffHerokuApp", TurnHerokuAppBackOn.TURNED_OFF)) {
            undone.add(herokuBackOn.turnBackOn(herokuBackOn.savedFormation(run)).value());
        }
        record(step, undone.isEmpty() ? Ensured.alreadyDone(run) : Ensured.changed(run),
                undone.isEmpty() ? "no step was left unfinished" : String.join("; ", undone), Map.of());
    }

    /** The step wrote to the ledger (it reached the outside world) but its activity never completed. */
    private boolean unfinished(String processInstanceId, String activityId, String step) {
        if (ledger.entries(processInstanceId, step).isEmpty()) {
            return false;
        }
        return history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId)
                .activityId(activityId).finished().list().stream().noneMatch(activity -> !activity.isCanceled());
    }
}

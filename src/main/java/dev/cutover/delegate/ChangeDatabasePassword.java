package dev.cutover.delegate;

import dev.cutover.aws.rds.DbInstance;
import dev.cutover.aws.rds.RdsPort;
import dev.cutover.aws.secrets.SecretStorePort;
import dev.cutover.ledger.Ledger;
import dev.cutover.ledger.LedgerEntry;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.process.Vars;
import dev.cutover.step.Ensured;
import dev.cutover.step.ForwardStep;
import dev.cutover.step.Outcome;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Change database user password: a new password within RDS's rules, kept in Secrets Manager, then
 * set on the instance (apply immediately). The password lives in this step's memory only; the
 * process and the ledger get the secret's ARN. The kept password, the attempt to set it and its
 * success are each written to the ledger at once: a retry reuses the kept password, does not set it
 * again once RDS applies it, and the downtime counts from the first attempt.
 */
@Component("changeDatabasePassword")
class ChangeDatabasePassword extends Step {

    static final ForwardStep STEP = new ForwardStep("day-2", "changeDatabasePassword");
    static final String SECRET_REFERENCE = "passwordSecretArn";
    static final String CHANGED_AT = "passwordChangedAt";

    private final RdsPort rds;
    private final SecretStorePort secrets;
    private final MigrationPlan plan;
    private final Clock clock;

    ChangeDatabasePassword(Ledger ledger, RdsPort rds, SecretStorePort secrets, MigrationPlan plan, Clock clock) {
        super(ledger);
        this.rds = rds;
        this.secrets = secrets;
        this.plan = plan;
        this.clock = clock;
    }

    /** Where an attempt of this step kept the new password (a secret's ARN), or null when none did. */
    static String keptSecret(List<LedgerEntry> entries) {
        return entries.stream().map(entry -> entry.undo().get(SECRET_REFERENCE)).filter(Objects::nonNull)
                .findFirst().orElse(null);
    }

    private static Optional<Instant> earliest(List<LedgerEntry> entries, Outcome outcome) {
        return entries.stream().filter(entry -> entry.outcome() == outcome)
                .map(entry -> entry.undo().get(CHANGED_AT)).filter(at -> at != null).map(Instant::parse)
                .min(Instant::compareTo);
    }

    @Override
    protected void perform(StepContext step) {
        String instance = plan.rds().instanceId();
        var earlier = ledger.entries(step.processInstanceId(), step.activityId());
        String secretArn = keptSecret(earlier);
        if (secretArn == null) {
            String password = secrets.randomPassword(plan.passwordRotation().passwordLength());
            secretArn = secrets.keep(plan.iam().secretPrefix() + step.run() + "/database-password", password);
            ledger.recordAtOnce(step.record(Outcome.CHECKED, "a new password for " + plan.rds().masterUsername()
                    + " is kept in " + secretArn, Map.of(SECRET_REFERENCE, secretArn)));
        }
        Optional<Instant> setBefore = earliest(earlier, Outcome.CHANGED);
        Optional<Instant> triedBefore = earliest(earlier, Outcome.CHECKED);
        Instant changedAt;
        if (setBefore.isPresent()) {
            changedAt = triedBefore.orElse(setBefore.get());
            record(step, Ensured.alreadyDone(instance), "the password kept in " + secretArn + " was set on " + instance
                    + " at " + changedAt + " by an earlier attempt", Map.of(SECRET_REFERENCE, secretArn));
        } else {
            DbInstance before = rds.instance(instance);
            if (triedBefore.isPresent() && (before.resettingCredentials() || before.passwordChangePending())) {
                // an earlier attempt's call went through, its answer lost: RDS is applying it
                changedAt = triedBefore.get();
            } else {
                if (!before.available()) {
                    throw new IllegalStateException("RDS instance " + instance + " is " + before.status()
                            + ": its password is changed once it is available");
                }
                Instant now = clock.instant();
                changedAt = triedBefore.orElse(now);
                // the downtime starts with the call: a retry measures from the first attempt
                ledger.recordAtOnce(step.record(Outcome.CHECKED, "setting the password kept in " + secretArn
                        + " on " + instance + " (apply immediately)", Map.of(SECRET_REFERENCE, secretArn,
                        CHANGED_AT, now.toString())));
                rds.changeMasterPassword(instance, secrets.read(secretArn));
            }
            ledger.recordAtOnce(step.record(Outcome.CHANGED, "the master password of " + instance
                    + " is being changed (apply immediately) to the one kept in " + secretArn
                    + "; the app cannot reach the database until it uses it",
                    Map.of(SECRET_REFERENCE, secretArn, CHANGED_AT, changedAt.toString())));
        }
        step.set(Vars.DATABASE_PASSWORD_SECRET, secretArn);
        step.set(Vars.PASSWORD_CHANGED_AT, Date.from(changedAt));
        step.set(Vars.REPOINT_BY, plan.passwordRotation().repoint().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        step.set(Vars.DATABASE_CHANGE_SEEN, false);
        step.set(Vars.DATABASE_CHECKS, 0);
    }
}

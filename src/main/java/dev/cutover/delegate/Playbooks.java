package dev.cutover.delegate;

import dev.cutover.ledger.Ledger;
import dev.cutover.ledger.LedgerEntry;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.process.Vars;
import dev.cutover.step.Outcome;
import dev.cutover.step.StepContext;
import dev.cutover.tower.TowerJob;
import dev.cutover.tower.TowerPort;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What the playbook steps share: which AWX template a step means (its {@code playbook} input,
 * a key of {@code cutover.plan.tower.job-templates}), how it is launched once, and how a job's
 * state is shown.
 */
@Component
class Playbooks {

    private static final Logger log = LoggerFactory.getLogger(Playbooks.class);

    static final String INPUT = "playbook";
    static final String JOB_REFERENCE = "awxJobId";
    /** The ledger's record, written before a launch, of the marker the launch carries. */
    static final String LAUNCH_MARKER = "launchMarker";

    private final MigrationPlan plan;
    private final TowerPort tower;
    private final NewDatabasePassword newPassword;
    private final Ledger ledger;

    Playbooks(MigrationPlan plan, TowerPort tower, NewDatabasePassword newPassword, Ledger ledger) {
        this.plan = plan;
        this.tower = tower;
        this.newPassword = newPassword;
        this.ledger = ledger;
    }

    /** A job this launch started, and whether an earlier try had started it already. */
    record Launch(TowerJob job, boolean earlier) {}

    /**
     * Launches the step's template once for {@code purpose} (an attempt, a relaunch), whatever
     * happens between AWX's answer and the caller's record of the job: a crash there, or an answer
     * lost on the way, must not launch a second job on the retry. Before launching, the ledger
     * records (in its own transaction) a marker naming this instance, step and purpose, and the
     * launch carries it as the extra var {@value TowerPort#LAUNCH_MARKER}. A try that finds the
     * marker in the ledger asks AWX for the template's job carrying it, follows that job if there
     * is one, and launches (with the same marker) only if there is none.
     */
    Launch launchOnce(StepContext step, String purpose) {
        String marker = step.processInstanceId() + "/" + step.activityId() + "/" + purpose;
        String template = template(step).name();
        Optional<LedgerEntry> markedBefore = ledger.entries(step.processInstanceId(), step.activityId()).stream()
                .filter(entry -> marker.equals(entry.undo().get(LAUNCH_MARKER)))
                .findFirst();
        if (markedBefore.isPresent()) {
            Optional<TowerJob> earlier = tower.jobLaunchedWith(template, marker, markedBefore.get().recordedAt());
            if (earlier.isPresent()) {
                log.info("run {}: '{}' found AWX job {} that an earlier try launched as {}", step.run(), step.step(),
                        earlier.get().id(), marker);
                return new Launch(earlier.get(), true);
            }
            log.info("run {}: '{}': AWX has no job launched as {}, launching it", step.run(), step.step(), marker);
        } else {
            ledger.recordAtOnce(step.record(Outcome.CHECKED, "launching '" + template + "' with "
                    + TowerPort.LAUNCH_MARKER + "=" + marker + ", by which a retry finds its job",
                    Map.of(LAUNCH_MARKER, marker)));
        }
        return new Launch(launch(step, marker), false);
    }

    MigrationPlan.JobTemplate template(StepContext step) {
        return plan.tower().jobTemplates().byKey(step.input(INPUT));
    }

    /**
     * Launches the step's template with the plan's extra vars and the marker; with the input
     * {@code passwordSecret} also the ARN of the new database password (never the password: the
     * playbook reads it), after the password went into Zappa's remote env, which would override
     * the deploy's.
     */
    private TowerJob launch(StepContext step, String marker) {
        MigrationPlan.JobTemplate template = template(step);
        Map<String, Object> extraVars = new LinkedHashMap<>(template.extraVars());
        extraVars.put(TowerPort.LAUNCH_MARKER, marker);
        if ("true".equals(step.inputOrNull("passwordSecret"))) {
            String secretArn = step.get(Vars.DATABASE_PASSWORD_SECRET);
            // Zappa's remote env overrides what the deploy sets: it gets the new password first
            newPassword.intoRemoteEnv(secretArn);
            extraVars.put(plan.passwordRotation().secretArnExtraVar(), secretArn);
        }
        return tower.launchJob(template.name(), extraVars);
    }

    TowerJob job(long id) {
        return tower.job(id);
    }

    String outputTail(long id) {
        return tower.jobOutputTail(id, 20);
    }

    void show(StepContext step, TowerJob job) {
        String playbook = step.input(INPUT);
        step.set(Vars.playbookJob(playbook), job.id());
        step.set(Vars.playbookJobStatus(playbook), job.status());
        step.set(Vars.playbookState(playbook), job.successful() ? "successful" : job.failed() ? "failed" : "running");
    }
}

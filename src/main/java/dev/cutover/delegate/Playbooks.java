package dev.cutover.delegate;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.cutover.plan.MigrationPlan;
import dev.cutover.process.Vars;
import dev.cutover.step.StepContext;
import dev.cutover.tower.TowerJob;
import dev.cutover.tower.TowerPort;
import org.springframework.stereotype.Component;

/**
 * What the playbook steps share: which AWX template a step means (its {@code playbook} input,
 * a key of {@code cutover.plan.tower.job-templates}) and how a job's state is shown.
 */
@Component
class Playbooks {

    static final String INPUT = "playbook";
    static final String JOB_REFERENCE = "awxJobId";

    private final MigrationPlan plan;
    private final TowerPort tower;
    private final NewDatabasePassword newPassword;

    Playbooks(MigrationPlan plan, TowerPort tower, NewDatabasePassword newPassword) {
        this.plan = plan;
        this.tower = tower;
        this.newPassword = newPassword;
    }

    MigrationPlan.JobTemplate template(StepContext step) {
        return plan.tower().jobTemplates().byKey(step.input(INPUT));
    }

    /**
     * Launches the step's template with the plan's extra vars; with the input {@code passwordSecret}
     * also the ARN of the new database password (never the password: the playbook reads it), after
     * the password went into Zappa's remote env, which would override the deploy's.
     */
    TowerJob launch(StepContext step) {
        MigrationPlan.JobTemplate template = template(step);
        Map<String, Object> extraVars = new LinkedHashMap<>(template.extraVars());
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

package dev.cutover.delegate;

import dev.cutover.aws.lambda.LambdaPort;
import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.process.Vars;
import dev.cutover.step.Ensured;
import dev.cutover.step.Outcome;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import dev.cutover.web.ProbePause;
import dev.cutover.web.SiteAnswer;
import dev.cutover.web.SiteProbe;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Measure the downtime of the password change: the site's health, probed every
 * {@code probe-interval} (a second) until it answers three times in a row (with the Lambda update
 * done, where the step repointed it: a warm container may answer before), for at most the limit
 * plus the margin. This wait is a bounded probe inside the job, on purpose: a timer could not see a
 * one-second recovery, and the bound stays well under the job lock. The downtime counts from the
 * password change to the first of those healthy answers.
 */
@Component("measureDowntime")
class MeasureDowntime extends Step {

    static final int HEALTHY_IN_A_ROW = 3;
    private static final String SUCCESSFUL = "Successful";
    private static final String FAILED = "Failed";

    private static final Logger log = LoggerFactory.getLogger(MeasureDowntime.class);

    private final SiteProbe probe;
    private final ProbePause pause;
    private final LambdaPort lambda;
    private final MigrationPlan plan;
    private final Clock clock;

    MeasureDowntime(Ledger ledger, SiteProbe probe, ProbePause pause, LambdaPort lambda, MigrationPlan plan,
            Clock clock) {
        super(ledger);
        this.pause = pause;
        this.probe = probe;
        this.lambda = lambda;
        this.plan = plan;
        this.clock = clock;
    }

    @Override
    protected void perform(StepContext step) {
        MigrationPlan.PasswordRotation rotation = plan.passwordRotation();
        Instant changedAt = step.get(Vars.PASSWORD_CHANGED_AT).toInstant();
        URI health = Sites.health(plan.launch().newSiteUrl(), plan.launch().healthPath());
        Instant giveUpAt = clock.instant().plus(rotation.probeBound());
        boolean lambdaRepointed = "lambda".equals(step.getOrNull(Vars.REPOINT_BY));
        int failed = 0;
        int healthyInARow = 0;
        Instant healthySince = null;
        String updateStatus = null;
        SiteAnswer answer;
        while (true) {
            answer = probe.probe(health);
            if (answer.ok()) {
                healthySince = healthyInARow == 0 ? clock.instant() : healthySince;
                healthyInARow++;
            } else {
                healthyInARow = 0;
                failed++;
                if (failed % 5 == 0) {
                    log.info("run {}: the site is still down {} s after the password change: {}", step.run(),
                            seconds(Duration.between(changedAt, clock.instant())), Sites.describe(answer));
                }
            }
            if (healthyInARow >= HEALTHY_IN_A_ROW) {
                // a warm container may answer before the update reaches it: recovered once the update is done
                updateStatus = lambdaRepointed ? lambda.lastUpdateStatus(plan.lambda().functionName()) : null;
                if (updateStatus == null || SUCCESSFUL.equals(updateStatus) || FAILED.equals(updateStatus)) {
                    break;
                }
            }
            if (!clock.instant().plus(rotation.probeInterval()).isBefore(giveUpAt)) {
                break;
            }
            pause.pause(rotation.probeInterval());
        }
        boolean recovered = healthyInARow >= HEALTHY_IN_A_ROW && !FAILED.equals(updateStatus);
        Instant until = recovered ? healthySince : clock.instant();
        long downtime = seconds(Duration.between(changedAt, until));
        long limit = rotation.downtimeLimit().toSeconds();
        boolean within = recovered && downtime <= limit;
        String summary = recovered
                ? downtime + " s (limit " + limit + " s), from the password change to the first of "
                        + HEALTHY_IN_A_ROW + " healthy answers in a row; " + failed + " failed probe"
                        + (failed == 1 ? "" : "s") + " before"
                : "the site has not recovered " + downtime + " s after the password change (limit " + limit + " s): "
                        + Sites.describe(answer) + "; Lambda's last update: "
                        + lambda.lastUpdateStatus(plan.lambda().functionName());
        step.set(Vars.DOWNTIME_SECONDS, downtime);
        step.set(Vars.DOWNTIME, summary);
        step.set(Vars.DOWNTIME_WITHIN_LIMIT, within);
        log.info("run {}: downtime of the password change: {}", step.run(), summary);
        record(step, new Ensured<>(Outcome.CHECKED, downtime), "downtime " + summary,
                Map.of("downtimeSeconds", String.valueOf(downtime), "recovered", String.valueOf(recovered)));
    }

    private static long seconds(Duration duration) {
        return Math.max(0, (duration.toMillis() + 999) / 1000);
    }
}

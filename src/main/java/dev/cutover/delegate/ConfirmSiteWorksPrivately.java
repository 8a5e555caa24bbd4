package dev.cutover.delegate;

import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.step.Ensured;
import dev.cutover.step.Outcome;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import dev.cutover.step.StepFailedException;
import dev.cutover.web.SiteAnswer;
import dev.cutover.web.SiteProbe;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Confirm the site works with the database private and its ports closed: a Lambda that reached the
 * database over its public address has lost it now. A failing site is retried, then an incident
 * that says so; the lead may roll back (message RollbackRequested) before anything else is deleted.
 */
@Component("confirmSiteWorksPrivately")
class ConfirmSiteWorksPrivately extends Step {

    private final SiteProbe probe;
    private final MigrationPlan plan;

    ConfirmSiteWorksPrivately(Ledger ledger, SiteProbe probe, MigrationPlan plan) {
        super(ledger);
        this.probe = probe;
        this.plan = plan;
    }

    @Override
    protected void perform(StepContext step) {
        SiteAnswer www = probe.probe(Sites.health(plan.launch().newSiteUrl(), plan.launch().healthPath()));
        if (!www.ok()) {
            throw new StepFailedException("Since the database was made private and its Postgres ports closed, "
                    + Sites.describe(www) + ". Check that Lambda reaches the database inside the VPC; roll back"
                    + " (message RollbackRequested) or fix it, then retry this step.");
        }
        record(step, new Ensured<>(Outcome.CHECKED, www.status()), Sites.describe(www), Map.of());
    }
}

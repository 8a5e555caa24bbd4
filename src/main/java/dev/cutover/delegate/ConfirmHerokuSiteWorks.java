package dev.cutover.delegate;

import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.step.Outcome;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import dev.cutover.step.StepFailedException;
import dev.cutover.web.SiteAnswer;
import dev.cutover.web.SiteProbe;
import java.net.URI;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Confirm the Heroku site is working: its health page answers, from Heroku. */
@Component("confirmHerokuSiteWorks")
class ConfirmHerokuSiteWorks extends Step {

    private final SiteProbe probe;
    private final MigrationPlan plan;

    ConfirmHerokuSiteWorks(Ledger ledger, SiteProbe probe, MigrationPlan plan) {
        super(ledger);
        this.probe = probe;
        this.plan = plan;
    }

    @Override
    protected void perform(StepContext step) {
        URI health = Sites.health(plan.heroku().baseUrl(), plan.launch().healthPath());
        SiteAnswer answer = probe.probe(health);
        if (!answer.ok()) {
            throw new StepFailedException("the Heroku site does not work: " + Sites.describe(answer)
                    + ". Launching now would move traffic from a broken site; fix it, then retry this step.");
        }
        ledger.record(step.record(Outcome.CHECKED, health + " answers " + answer.status() + " (served by "
                + answer.servedBy() + ")", Map.of()));
    }
}

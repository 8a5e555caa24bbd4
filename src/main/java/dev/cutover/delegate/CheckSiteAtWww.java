package dev.cutover.delegate;

import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.process.Vars;
import dev.cutover.step.Outcome;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import dev.cutover.web.SiteAnswer;
import dev.cutover.web.SiteProbe;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One look at www: live means it answers its health page and the answer comes from the Lambda
 * deployment, not Heroku. The temporary domain, when the plan names one, is looked at too.
 */
@Component("checkSiteAtWww")
class CheckSiteAtWww extends Step {

    private static final Logger log = LoggerFactory.getLogger(CheckSiteAtWww.class);

    private final SiteProbe probe;
    private final MigrationPlan plan;

    CheckSiteAtWww(Ledger ledger, SiteProbe probe, MigrationPlan plan) {
        super(ledger);
        this.probe = probe;
        this.plan = plan;
    }

    @Override
    protected void perform(StepContext step) {
        MigrationPlan.Launch launch = plan.launch();
        SiteAnswer www = probe.probe(Sites.health(launch.newSiteUrl(), launch.healthPath()));
        boolean live = www.ok() && SiteAnswer.LAMBDA.equals(www.servedBy());
        String seen = Sites.describe(www);
        if (launch.temporarySiteNamed()) {
            seen += "\ntemporary domain: " + Sites.describe(probe.probe(Sites.health(launch.temporarySiteUrl(),
                    launch.healthPath())));
        }
        step.set(Vars.LAMBDA_SITE_LIVE, live);
        step.set(Vars.SITE_ANSWER, seen);
        log.info("run {}: www {}", step.run(), live ? "serves the Lambda deployment" : "not yet: " + seen);
        if (live) {
            ledger.record(step.record(Outcome.CHECKED, seen, Map.of()));
        }
    }
}

package dev.cutover.delegate;

import dev.cutover.heroku.HerokuPort;
import dev.cutover.heroku.Release;
import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.step.ForwardStep;
import dev.cutover.step.Outcome;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import dev.cutover.step.StepFailedException;
import dev.cutover.web.SiteAnswer;
import dev.cutover.web.SiteProbe;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Confirm the Heroku site is working: its health page answers, from Heroku. The release it runs is
 * recorded as the last pre-Zappa codebase, which a rollback after Day 2 goes back to if Zappa
 * changes are merged (and deployed to Heroku) later.
 */
@Component("confirmHerokuSiteWorks")
class ConfirmHerokuSiteWorks extends Step {

    static final ForwardStep STEP = new ForwardStep("day-1", "confirmHerokuSiteWorks");
    static final String RELEASE = "herokuRelease";
    static final String SLUG = "herokuSlug";

    private final SiteProbe probe;
    private final HerokuPort heroku;
    private final MigrationPlan plan;

    ConfirmHerokuSiteWorks(Ledger ledger, SiteProbe probe, HerokuPort heroku, MigrationPlan plan) {
        super(ledger);
        this.probe = probe;
        this.heroku = heroku;
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
        List<Release> current = heroku.releases(plan.heroku().app(), 1);
        Map<String, String> undo = new LinkedHashMap<>();
        String release = "";
        if (!current.isEmpty() && current.get(0).slugId() != null) {
            undo.put(RELEASE, current.get(0).label());
            undo.put(SLUG, current.get(0).slugId());
            release = "; Heroku runs release " + current.get(0).label();
        }
        ledger.record(step.record(Outcome.CHECKED, health + " answers " + answer.status() + " (served by "
                + answer.servedBy() + ")" + release, undo));
    }
}

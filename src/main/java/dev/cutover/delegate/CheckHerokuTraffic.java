package dev.cutover.delegate;

import dev.cutover.heroku.HerokuPort;
import dev.cutover.heroku.RouterTraffic;
import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.process.Vars;
import dev.cutover.step.Ensured;
import dev.cutover.step.Outcome;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Check Heroku traffic: how many requests Heroku's router served over the plan's window, counted
 * from a log session (Heroku has no request-count API). The lead reads it before the app is
 * turned off.
 */
@Component("checkHerokuTraffic")
class CheckHerokuTraffic extends Step {

    private final HerokuPort heroku;
    private final MigrationPlan plan;

    CheckHerokuTraffic(Ledger ledger, HerokuPort heroku, MigrationPlan plan) {
        super(ledger);
        this.heroku = heroku;
        this.plan = plan;
    }

    @Override
    protected void perform(StepContext step) {
        String app = plan.heroku().app();
        RouterTraffic traffic = heroku.routerTraffic(app, plan.heroku().trafficWindow(), plan.heroku().trafficLogLines());
        step.set(Vars.HEROKU_TRAFFIC, traffic.summary());
        step.set(Vars.HEROKU_REQUESTS, traffic.requests());
        record(step, new Ensured<>(Outcome.CHECKED, traffic.requests()), app + ": " + traffic.summary(),
                Map.of("herokuApp", app, "requests", String.valueOf(traffic.requests())));
    }
}

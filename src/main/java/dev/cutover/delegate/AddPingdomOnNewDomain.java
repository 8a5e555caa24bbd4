package dev.cutover.delegate;

import dev.cutover.ledger.Ledger;
import dev.cutover.pingdom.PingdomCheck;
import dev.cutover.pingdom.PingdomPort;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.process.Vars;
import dev.cutover.step.Ensured;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Add Pingdom on the new domain at /health/. */
@Component("addPingdomOnNewDomain")
class AddPingdomOnNewDomain extends Step {

    private final PingdomPort pingdom;
    private final MigrationPlan plan;

    AddPingdomOnNewDomain(Ledger ledger, PingdomPort pingdom, MigrationPlan plan) {
        super(ledger);
        this.pingdom = pingdom;
        this.plan = plan;
    }

    @Override
    protected void perform(StepContext step) {
        Ensured<PingdomCheck> check = pingdom.ensureHttpCheck(plan.pingdom().checkName(), plan.domains().www(),
                plan.pingdom().healthPath());
        step.set(Vars.PINGDOM_CHECK, check.value().id());
        record(step, check, "Pingdom check " + check.value().id() + " '" + check.value().name() + "' watches https://"
                + check.value().host() + check.value().path() + " (" + check.value().status() + ")",
                Map.of("pingdomCheckId", String.valueOf(check.value().id())));
    }
}

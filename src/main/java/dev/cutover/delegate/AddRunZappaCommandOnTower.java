package dev.cutover.delegate;

import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.process.Vars;
import dev.cutover.step.Ensured;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import dev.cutover.tower.TowerPort;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Add "run arbitrary zappa command" on Ansible Tower: a job template prompting for the command. */
@Component("addRunZappaCommandOnTower")
class AddRunZappaCommandOnTower extends Step {

    private final TowerPort tower;
    private final MigrationPlan plan;

    AddRunZappaCommandOnTower(Ledger ledger, TowerPort tower, MigrationPlan plan) {
        super(ledger);
        this.tower = tower;
        this.plan = plan;
    }

    @Override
    protected void perform(StepContext step) {
        MigrationPlan.TemplateSpec spec = plan.tower().runZappaCommand();
        Ensured<Long> ensured = tower.ensureJobTemplate(spec.name(), spec.project(), spec.playbook(),
                plan.tower().inventory().name());
        step.set(Vars.ZAPPA_COMMAND_TEMPLATE, ensured.value());
        record(step, ensured, "AWX job template '" + spec.name() + "' (id " + ensured.value() + ") runs "
                + spec.playbook() + " of " + spec.project(), Map.of("awxJobTemplateId", String.valueOf(ensured.value())));
    }
}

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

/** Create inventories in Tower for prod. */
@Component("createInventoriesInTower")
class CreateInventoriesInTower extends Step {

    private final TowerPort tower;
    private final MigrationPlan plan;

    CreateInventoriesInTower(Ledger ledger, TowerPort tower, MigrationPlan plan) {
        super(ledger);
        this.tower = tower;
        this.plan = plan;
    }

    @Override
    protected void perform(StepContext step) {
        MigrationPlan.Inventory inventory = plan.tower().inventory();
        Ensured<Long> ensured = tower.ensureInventory(inventory.name(), plan.tower().organization(),
                inventory.variables());
        step.set(Vars.TOWER_INVENTORY, ensured.value());
        record(step, ensured, "AWX inventory '" + inventory.name() + "' (id " + ensured.value() + ") in "
                + plan.tower().organization(), Map.of("awxInventoryId", String.valueOf(ensured.value())));
    }
}

package dev.cutover.delegate;

import dev.cutover.ledger.Ledger;
import dev.cutover.namecheap.NamecheapPort;
import dev.cutover.namecheap.ZoneChange;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.step.Ensured;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import org.springframework.stereotype.Component;

/** Set TTL of the old name to 60 s, at Namecheap, so the later switches propagate fast. */
@Component("setTtlOfOldName")
class SetTtlOfOldName extends Step {

    private final NamecheapPort namecheap;
    private final MigrationPlan plan;
    private final ZoneRecords zoneRecords;

    SetTtlOfOldName(Ledger ledger, NamecheapPort namecheap, MigrationPlan plan, ZoneRecords zoneRecords) {
        super(ledger);
        this.namecheap = namecheap;
        this.plan = plan;
        this.zoneRecords = zoneRecords;
    }

    @Override
    protected void perform(StepContext step) {
        MigrationPlan.Domain old = plan.domains().old();
        int ttl = plan.preparation().oldNameTtl();
        Ensured<ZoneChange> change = namecheap.ensureTtl(old.namecheapZone(), old.namecheapHost(), ttl);
        record(step, change, zoneRecords.describe(change.value()) + (change.changed() ? "" : " (TTL already " + ttl + ")"),
                zoneRecords.undo(change.value()));
    }
}

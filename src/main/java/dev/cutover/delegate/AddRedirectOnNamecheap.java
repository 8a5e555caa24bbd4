package dev.cutover.delegate;

import dev.cutover.ledger.Ledger;
import dev.cutover.ledger.LedgerEntry;
import dev.cutover.namecheap.HostRecord;
import dev.cutover.namecheap.NamecheapPort;
import dev.cutover.namecheap.ZoneChange;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.step.Ensured;
import dev.cutover.step.ForwardStep;
import dev.cutover.step.Outcome;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Add redirect on NameCheap from old to new: the old name's records become one URL301 to the new
 * site. The zone as it was is written to the ledger at once, before the change: if the change
 * went through but its answer was lost, the retry finds nothing left to change and could no
 * longer tell what the records were.
 */
@Component("addRedirectOnNamecheap")
class AddRedirectOnNamecheap extends Step {

    static final ForwardStep STEP = new ForwardStep("day-1", "addRedirectOnNamecheap");
    private static final int REDIRECT_TTL = 60;

    private final NamecheapPort namecheap;
    private final MigrationPlan plan;
    private final ZoneRecords zoneRecords;

    AddRedirectOnNamecheap(Ledger ledger, NamecheapPort namecheap, MigrationPlan plan, ZoneRecords zoneRecords) {
        super(ledger);
        this.namecheap = namecheap;
        this.plan = plan;
        this.zoneRecords = zoneRecords;
    }

    @Override
    protected void perform(StepContext step) {
        MigrationPlan.Domain old = plan.domains().old();
        if (saved(ledger, step).isEmpty()) {
            List<HostRecord> records = namecheap.hosts(old.namecheapZone());
            ZoneChange asItIs = new ZoneChange(old.namecheapZone(), old.namecheapHost(), records, records);
            ledger.recordAtOnce(step.record(Outcome.CHECKED, "saved before the redirect: "
                    + zoneRecords.describe(asItIs), zoneRecords.undo(asItIs)));
        }
        String target = plan.launch().newSiteUrl().toString();
        Ensured<ZoneChange> change = namecheap.ensurePermanentRedirect(old.namecheapZone(), old.namecheapHost(),
                target, REDIRECT_TTL);
        record(step, change, zoneRecords.describe(change.value()), Map.of("zone", old.namecheapZone(),
                "host", old.namecheapHost(), "redirectsTo", target));
    }

    /** The old name's records as the run found them before its redirect, if it saved them. */
    static Optional<LedgerEntry> saved(Ledger ledger, StepContext step) {
        return STEP.entries(ledger, step).stream()
                .filter(entry -> entry.outcome() == Outcome.CHECKED && entry.undo().containsKey("previousHostRecords"))
                .findFirst();
    }
}

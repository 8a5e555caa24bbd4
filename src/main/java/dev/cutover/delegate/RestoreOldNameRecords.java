package dev.cutover.delegate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.ledger.Ledger;
import dev.cutover.ledger.LedgerEntry;
import dev.cutover.namecheap.HostRecord;
import dev.cutover.namecheap.NamecheapPort;
import dev.cutover.namecheap.ZoneChange;
import dev.cutover.step.Ensured;
import dev.cutover.step.ForwardStep;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import dev.cutover.step.Undoes;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Restore the old name's records as the run saved them before its redirect: Day 1's compensation,
 * and the DNS rollback's "Revert Namecheap's DNS back".
 */
@Component("restoreOldNameRecords")
class RestoreOldNameRecords extends Step implements Undoes {

    private static final TypeReference<List<HostRecord>> RECORDS = new TypeReference<>() {};

    private final NamecheapPort namecheap;
    private final ZoneRecords zoneRecords;
    private final ObjectMapper json;

    RestoreOldNameRecords(Ledger ledger, NamecheapPort namecheap, ZoneRecords zoneRecords, ObjectMapper json) {
        super(ledger);
        this.namecheap = namecheap;
        this.zoneRecords = zoneRecords;
        this.json = json;
    }

    @Override
    public ForwardStep undoes() {
        return AddRedirectOnNamecheap.STEP;
    }

    @Override
    protected void perform(StepContext step) {
        java.util.Optional<LedgerEntry> kept = AddRedirectOnNamecheap.saved(ledger, step);
        if (kept.isEmpty()) {
            // the redirect saves the records before it writes: none saved, nothing written
            record(step, Ensured.alreadyDone(null), "no records of the old name were saved before a redirect:"
                    + " nothing was written at Namecheap", Map.of());
            return;
        }
        LedgerEntry saved = kept.get();
        String zone = saved.undo().get("zone");
        String host = saved.undo().get("host");
        Ensured<ZoneChange> change = namecheap.restoreHost(zone, host, read(saved.undo().get("previousHostRecords")));
        recordUndo(step, change, zoneRecords.describe(change.value()), zoneRecords.undo(change.value()));
    }

    private List<HostRecord> read(String records) {
        try {
            return json.readValue(records, RECORDS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the saved records of the old name cannot be read", e);
        }
    }
}

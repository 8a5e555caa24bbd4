package dev.cutover.delegate;

import dev.cutover.ledger.Ledger;
import dev.cutover.process.Vars;
import dev.cutover.step.Ensured;
import dev.cutover.step.Outcome;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import dev.cutover.step.StepFailedException;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** List the snapshots the run took, with their times, for the lead to pick a known clean one. */
@Component("listCleanSnapshots")
class ListCleanSnapshots extends Step {

    ListCleanSnapshots(Ledger ledger) {
        super(ledger);
    }

    @Override
    protected void perform(StepContext step) {
        Map<String, CleanSnapshots.Taken> taken = CleanSnapshots.of(ledger, step.run());
        if (taken.isEmpty()) {
            throw new StepFailedException("run '" + step.run() + "' took no snapshot of prod (Day 0 and Day 1 take"
                    + " them): there is no known clean state to restore; restore by hand from an automated backup");
        }
        String listed = taken.values().stream().map(CleanSnapshots.Taken::line).collect(Collectors.joining("\n"));
        step.set(Vars.CLEAN_SNAPSHOTS, listed);
        record(step, new Ensured<>(Outcome.CHECKED, listed), taken.size() + " snapshots: " + listed.replace("\n", "; "),
                Map.of());
    }
}

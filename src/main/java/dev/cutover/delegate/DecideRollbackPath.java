package dev.cutover.delegate;

import dev.cutover.ledger.Ledger;
import dev.cutover.process.Vars;
import dev.cutover.step.Outcome;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Decide which rollback path applies, from how far the run got (its ledger and the engine's
 * history) and whether the lead says the data is intact; and show the lead, before anything
 * changes, what that path will undo, in order.
 */
@Component("decideRollbackPath")
class DecideRollbackPath extends Step {

    private final RollbackPaths paths;

    DecideRollbackPath(Ledger ledger, RollbackPaths paths) {
        super(ledger);
        this.paths = paths;
    }

    @Override
    protected void perform(StepContext step) {
        String path = paths.choose(step, step.getOrNull(Vars.DATA_INTACT));
        List<String> preview = paths.preview(step, path);
        String progress = paths.progress(step.run());
        step.set(Vars.ROLLBACK_PATH, path);
        step.set(Vars.ROLLBACK_PREVIEW, String.join("\n", preview));
        ledger.record(step.record(Outcome.CHECKED, path + " (the run: " + progress + "): "
                + String.join(" ", preview), Map.of(Vars.ROLLBACK_PATH.name(), path)));
    }
}

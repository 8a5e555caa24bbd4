package dev.cutover.delegate;

import dev.cutover.heroku.HerokuPort;
import dev.cutover.heroku.Release;
import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.step.Ensured;
import dev.cutover.ledger.LedgerEntry;
import dev.cutover.step.ForwardStep;
import dev.cutover.step.Undoes;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * Rollback to a pre zappa codebase if zappa changes have been merged in. Pre-Zappa is the release
 * Day 1 found Heroku running when it confirmed the Heroku site works; Zappa changes were merged
 * when Heroku runs another slug now. Heroku's rollback brings back that release's config vars too,
 * so the config vars as they are now (the new bucket, the database password) are put back at
 * once: only the code goes back.
 */
@Component("rollBackToPreZappaCodebase")
class RollBackToPreZappaCodebase extends Step implements Undoes {

    private final HerokuPort heroku;
    private final MigrationPlan plan;

    RollBackToPreZappaCodebase(Ledger ledger, HerokuPort heroku, MigrationPlan plan) {
        super(ledger);
        this.heroku = heroku;
        this.plan = plan;
    }

    /** What Day 1 found Heroku running when it confirmed the site works. */
    @Override
    public ForwardStep undoes() {
        return ConfirmHerokuSiteWorks.STEP;
    }

    @Override
    protected void perform(StepContext step) {
        String app = plan.heroku().app();
        List<LedgerEntry> confirmed = undoes().entries(ledger, step);
        String release = reference(confirmed, ConfirmHerokuSiteWorks.RELEASE);
        String slug = reference(confirmed, ConfirmHerokuSiteWorks.SLUG);
        if (release == null || slug == null) {
            record(step, Ensured.alreadyDone(app), "Day 1 recorded no Heroku release: nothing to roll back", Map.of());
            return;
        }
        List<Release> current = heroku.releases(app, 1);
        if (!current.isEmpty() && current.get(0).sameCodebaseAs(slug)) {
            record(step, Ensured.alreadyDone(app), app + " runs the pre-Zappa codebase of " + release + " ("
                    + current.get(0).label() + ")", Map.of(ConfirmHerokuSiteWorks.RELEASE, release));
            return;
        }
        Map<String, String> configNow = heroku.configVars(app);
        Release made = heroku.rollbackTo(app, release);
        Map<String, String> back = configChanges(heroku.configVars(app), configNow);
        heroku.setConfigVars(app, back);
        String replaced = current.isEmpty() ? "" : " (it ran " + current.get(0).label() + ": "
                + current.get(0).description() + ")";
        recordUndo(step, Ensured.changed(app), app + " rolled back to the code of " + release + " as "
                + made.label() + replaced + (back.isEmpty() ? "" : "; its config vars " + new TreeSet<>(back.keySet())
                + " kept as they were"), Map.of(ConfirmHerokuSiteWorks.RELEASE, release, "herokuRollback", made.label()));
    }

    private static String reference(List<LedgerEntry> entries, String name) {
        String found = null;
        for (LedgerEntry entry : entries) {
            found = entry.undo().getOrDefault(name, found);
        }
        return found;
    }

    /** What turns {@code now} into {@code wanted}: a null value removes a var. Values stay in memory. */
    private static Map<String, String> configChanges(Map<String, String> now, Map<String, String> wanted) {
        Map<String, String> changes = new HashMap<>();
        wanted.forEach((name, value) -> {
            if (!value.equals(now.get(name))) {
                changes.put(name, value);
            }
        });
        now.keySet().stream().filter(name -> !wanted.containsKey(name)).forEach(name -> changes.put(name, null));
        return changes;
    }
}

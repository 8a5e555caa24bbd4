package dev.cutover.delegate;

import dev.cutover.plan.MigrationPlan;
import dev.cutover.process.Vars;
import dev.cutover.step.StepContext;

/** The database instance the app uses now: one restored from a clean snapshot (variable {@code databaseInstance}), else production's. */
final class CurrentDatabase {

    static String of(StepContext step, MigrationPlan plan) {
        String restored = step.getOrNull(Vars.DATABASE_INSTANCE);
        return restored == null || restored.isBlank() ? plan.rds().instanceId() : restored;
    }

    private CurrentDatabase() {
    }
}

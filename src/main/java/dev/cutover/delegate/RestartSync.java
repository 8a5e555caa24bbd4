package dev.cutover.delegate;

import dev.cutover.process.Vars;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** Before another pass over the old bucket: from its first key again, progress from zero. */
@Component("restartSync")
class RestartSync implements ExecutionListener {

    @Override
    public void notify(DelegateExecution execution) {
        Vars.SYNC_START_AFTER.set(execution, null);
        Vars.SYNC_DONE.set(execution, false);
        Vars.SYNC_OBJECTS_DONE.set(execution, 0L);
        Vars.SYNC_BYTES_DONE.set(execution, 0L);
        Vars.SYNC_OBJECTS_COPIED.set(execution, 0L);
        Vars.SYNC_BYTES_COPIED.set(execution, 0L);
        Vars.SYNC_BATCHES.set(execution, 0);
        Vars.SYNC_PROGRESS.set(execution, SyncProgress.describe(0, Vars.SYNC_OBJECTS_TOTAL.from(execution), 0,
                Vars.SYNC_BYTES_TOTAL.from(execution)));
    }
}

package dev.cutover.process;

import dev.cutover.plan.MigrationPlan;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * With {@code four-eyes: true} in the plan, a go/no-go of the whole run is decided by a lead other
 * than the one who started it ({@code startedBy}); otherwise the completion is refused, and nothing
 * changes. A run started by no signed-in user (a script with the engine's API) names no one to
 * exclude: any signed-in lead decides.
 */
@Component("fourEyes")
public class FourEyes implements TaskListener {

    private final boolean required;

    FourEyes(MigrationPlan plan) {
        this.required = plan.fourEyes();
    }

    @Override
    public void notify(DelegateTask task) {
        if (!required) {
            return;
        }
        var current = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        String decider = current == null ? null : current.getUserId();
        String starter = Vars.STARTED_BY.fromOrNull(task);
        String run = task.getExecution().getProcessBusinessKey();
        if (decider == null) {
            throw new BadUserRequestException("Four-eyes rule (plan four-eyes: true): '" + task.getName()
                    + "' of run '" + run + "' is decided by a signed-in lead; this completion names no user.");
        }
        if (decider.equals(starter)) {
            throw new BadUserRequestException("Four-eyes rule (plan four-eyes: true): '" + task.getName()
                    + "' of run '" + run + "' must be decided by a lead other than " + starter
                    + ", who started the run.");
        }
    }
}

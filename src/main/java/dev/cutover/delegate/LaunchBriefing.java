package dev.cutover.delegate;

import dev.cutover.plan.MigrationPlan;
import dev.cutover.process.Vars;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** What Day 1's people see in their forms, from the plan: the new site, the UAT checklist, the Scheduler jobs. */
@Component("launchBriefing")
class LaunchBriefing implements ExecutionListener {

    private final MigrationPlan plan;

    LaunchBriefing(MigrationPlan plan) {
        this.plan = plan;
    }

    @Override
    public void notify(DelegateExecution execution) {
        MigrationPlan.Launch launch = plan.launch();
        Vars.NEW_SITE_URL.set(execution, launch.newSiteUrl().toString());
        Vars.UAT_CHECKLIST.set(execution, launch.uatChecklist().stream().map(item -> "☐ " + item)
                .collect(Collectors.joining("\n")));
        Vars.SCHEDULED_JOBS.set(execution, launch.scheduledJobs().isEmpty() ? "(the plan lists none)"
                : launch.scheduledJobs().stream().map(job -> job.command() + "  —  " + job.frequency())
                        .collect(Collectors.joining("\n")));
        Vars.TWILIO_NUMBER.set(execution, plan.twilio().phoneNumber());
        String processType = launch.schedulerProcessType();
        Vars.SCHEDULER_PROCESS_TYPE.set(execution, processType == null || processType.isBlank() ? null : processType);
    }
}

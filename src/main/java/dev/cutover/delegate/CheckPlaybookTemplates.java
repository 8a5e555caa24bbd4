package dev.cutover.delegate;

import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.step.Ensured;
import dev.cutover.step.Outcome;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import dev.cutover.step.StepFailedException;
import dev.cutover.tower.TowerPort;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Check the playbooks' job templates on Tower, before Day 0 rather than on launch day: each job
 * template the plan launches (create_storage, Deploy Zappa, close postgres ports) exists once, takes
 * the plan's extra vars and the launch marker ({@value TowerPort#LAUNCH_MARKER}, by which a retry
 * finds a job whose launch answer was lost: "Prompt on launch" for Variables), needs no variable
 * the plan does not send and asks for no password at launch. What is wrong with every template is
 * one failure, for an operator to mend in AWX and retry; nothing is launched.
 */
@Component("checkPlaybookTemplates")
class CheckPlaybookTemplates extends Step {

    private final TowerPort tower;
    private final MigrationPlan plan;

    CheckPlaybookTemplates(Ledger ledger, TowerPort tower, MigrationPlan plan) {
        super(ledger);
        this.tower = tower;
        this.plan = plan;
    }

    @Override
    protected void perform(StepContext step) {
        MigrationPlan.JobTemplates templates = plan.tower().jobTemplates();
        List<String> names = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (MigrationPlan.JobTemplate template : List.of(templates.createStorage(), templates.deployZappa(),
                templates.closePostgresPorts())) {
            Set<String> sent = new LinkedHashSet<>(template.extraVars().keySet());
            sent.add(TowerPort.LAUNCH_MARKER);
            names.add("'" + template.name() + "'");
            problems.addAll(tower.launchProblems(template.name(), sent));
        }
        if (!problems.isEmpty()) {
            throw new StepFailedException(problems.size() + (problems.size() == 1 ? " job template" : " job templates")
                    + " would not launch as the cutover launches them: " + String.join(" | ", problems)
                    + ". Mend them in AWX, then retry.");
        }
        record(step, new Ensured<>(Outcome.CHECKED, names), String.join(", ", names) + " launch with the plan's"
                + " extra vars and " + TowerPort.LAUNCH_MARKER, Map.of());
    }
}

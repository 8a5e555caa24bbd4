package dev.cutover.delegate;

import dev.cutover.aws.rds.RdsPort;
import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.process.Vars;
import dev.cutover.step.Outcome;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Research: will replicas affect changing PG subnets around? Lists them for the lead. */
@Component("researchReadReplicas")
class ResearchReadReplicas extends Step {

    private final RdsPort rds;
    private final MigrationPlan plan;

    ResearchReadReplicas(Ledger ledger, RdsPort rds, MigrationPlan plan) {
        super(ledger);
        this.rds = rds;
        this.plan = plan;
    }

    @Override
    protected void perform(StepContext step) {
        String instance = plan.rds().instanceId();
        List<String> replicas = rds.readReplicas(instance);
        step.set(Vars.READ_REPLICA_COUNT, replicas.size());
        step.set(Vars.READ_REPLICAS, String.join("\n", replicas));
        ledger.record(step.record(Outcome.CHECKED, instance + (replicas.isEmpty() ? " has no read replicas"
                : " has read replicas " + replicas + ": the lead confirms before Day 0"), Map.of()));
    }
}

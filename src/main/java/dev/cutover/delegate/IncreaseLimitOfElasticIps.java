package dev.cutover.delegate;

import dev.cutover.aws.quotas.QuotaRequest;
import dev.cutover.aws.quotas.ServiceQuotasPort;
import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.step.Ensured;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Increase limit of Elastic IPs: a Service Quotas request up to the plan's number, or the open one. */
@Component("increaseLimitOfElasticIps")
class IncreaseLimitOfElasticIps extends Step {

    private final ServiceQuotasPort quotas;
    private final MigrationPlan plan;

    IncreaseLimitOfElasticIps(Ledger ledger, ServiceQuotasPort quotas, MigrationPlan plan) {
        super(ledger);
        this.quotas = quotas;
        this.plan = plan;
    }

    @Override
    protected void perform(StepContext step) {
        int wanted = plan.preparation().elasticIps();
        Ensured<QuotaRequest> request = quotas.ensureQuotaAtLeast(ServiceQuotasPort.EC2, ServiceQuotasPort.ELASTIC_IPS,
                wanted);
        QuotaProgress.show(step, request.value());
        QuotaRequest value = request.value();
        record(step, request, value.id() == null
                        ? "Elastic IP limit is " + (int) value.currentValue() + ", at least " + wanted
                        : (request.changed() ? "requested" : "following request ") + " " + value.id() + ": "
                                + (int) value.currentValue() + " → " + wanted + " (" + value.status() + ")",
                value.id() == null ? Map.of() : Map.of("quotaRequestId", value.id()));
    }
}

package dev.cutover.delegate;

import dev.cutover.aws.quotas.QuotaRequest;
import dev.cutover.aws.quotas.ServiceQuotasPort;
import dev.cutover.ledger.Ledger;
import dev.cutover.process.Vars;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** One look at the quota request. */
@Component("checkQuotaRequest")
class CheckQuotaRequest extends Step {

    private static final Logger log = LoggerFactory.getLogger(CheckQuotaRequest.class);

    private final ServiceQuotasPort quotas;

    CheckQuotaRequest(Ledger ledger, ServiceQuotasPort quotas) {
        super(ledger);
        this.quotas = quotas;
    }

    @Override
    protected void perform(StepContext step) {
        QuotaRequest request = quotas.quotaRequest(step.get(Vars.QUOTA_REQUEST_ID));
        log.info("run {}: quota request {} is {}", step.run(), request.id(), request.status());
        QuotaProgress.show(step, request);
    }
}

package dev.cutover.delegate;

import dev.cutover.aws.quotas.QuotaRequest;
import dev.cutover.process.Vars;
import dev.cutover.step.StepContext;

/** What an operator sees of a quota request while AWS decides. */
final class QuotaProgress {

    static void show(StepContext step, QuotaRequest request) {
        step.set(Vars.QUOTA_REQUEST_ID, request.id());
        step.set(Vars.QUOTA_REQUEST_STATUS, request.status());
        step.set(Vars.ELASTIC_IP_LIMIT, request.currentValue());
        step.set(Vars.QUOTA_STATE, request.granted() ? "granted" : request.refused() ? "refused" : "pending");
    }

    private QuotaProgress() {
    }
}

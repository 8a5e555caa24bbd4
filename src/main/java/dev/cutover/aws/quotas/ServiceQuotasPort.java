package dev.cutover.aws.quotas;

import dev.cutover.step.Ensured;

/** Service Quotas, in the runbook's words (per region: the plan's AWS region). */
public interface ServiceQuotasPort {

    /** The EC2-VPC Elastic IPs quota. */
    String EC2 = "ec2";
    String ELASTIC_IPS = "L-0263D0A3";

    /**
     * Increase a limit: already at least {@code desired} → already done; an increase already
     * requested and open → that request (already done); else a new request.
     */
    Ensured<QuotaRequest> ensureQuotaAtLeast(String serviceCode, String quotaCode, double desired);

    QuotaRequest quotaRequest(String requestId);
}

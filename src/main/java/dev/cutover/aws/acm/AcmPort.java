package dev.cutover.aws.acm;

import dev.cutover.step.Ensured;
import java.util.List;

/** Certificates in ACM, in the runbook's words. The region is the client's (the plan's certificate region). */
public interface AcmPort {

    /**
     * Create ACM certificates for prod: finds a certificate for exactly these names that is issued
     * or pending validation, else requests one with DNS validation (the idempotency token makes a
     * retried request return the same certificate).
     */
    Ensured<Certificate> ensureCertificate(String domain, List<String> alternativeNames, String idempotencyToken);

    Certificate certificate(String arn);
}

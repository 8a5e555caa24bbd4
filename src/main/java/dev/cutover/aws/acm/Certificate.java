package dev.cutover.aws.acm;

import java.util.List;

/**
 * An ACM certificate: status PENDING_VALIDATION, ISSUED, INACTIVE, EXPIRED, VALIDATION_TIMED_OUT,
 * REVOKED or FAILED; the DNS records that validate it (empty for a few seconds after the request);
 * the failure reason when it failed. Names and record values are lower case without the trailing
 * dot; {@code alternativeNames} leaves out {@code domain}.
 */
public record Certificate(String arn, String domain, List<String> alternativeNames, String status,
        List<ValidationRecord> validationRecords, String failureReason) {

    public record ValidationRecord(String domain, String name, String type, String value, String status) {}

    public boolean issued() {
        return "ISSUED".equals(status);
    }

    public boolean failed() {
        return List.of("FAILED", "VALIDATION_TIMED_OUT", "REVOKED", "EXPIRED", "INACTIVE").contains(status);
    }
}

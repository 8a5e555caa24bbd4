package dev.cutover.aws.quotas;

/**
 * A quota and its increase request: status PENDING, CASE_OPENED, APPROVED, DENIED, NOT_APPROVED,
 * CASE_CLOSED or INVALID_REQUEST; {@code id} is null when the quota was already high enough.
 */
public record QuotaRequest(String id, String serviceCode, String quotaCode, double desiredValue, double currentValue,
        String status) {

    public boolean granted() {
        return "APPROVED".equals(status) || "CASE_CLOSED".equals(status) && currentValue >= desiredValue
                || id == null && currentValue >= desiredValue;
    }

    public boolean refused() {
        return "DENIED".equals(status) || "NOT_APPROVED".equals(status) || "INVALID_REQUEST".equals(status);
    }
}
